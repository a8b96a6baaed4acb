"""Reads of practical deeds: the member's own list, the confirmer's queue, one record page.
Each is one query whatever the number of rows (photos counted in the same query)."""

from django.db.models import Count, QuerySet

from zhengxie.core.models import Member, User

from ..models import DeedState, PracticalDeed
from ..permissions import confirmable_deeds_filter


def list_member_deeds(*, member: Member) -> QuerySet[PracticalDeed]:
    return (
        PracticalDeed.objects.filter(member=member)
        .select_related("venue")
        .annotate(photo_count=Count("photos"))
        .order_by("-done_on", "-id")
    )


def list_confirmable_deeds(*, user: User) -> QuerySet[PracticalDeed]:
    """The confirmer's queue: deeds waiting at the person's venues or in their office's
    committees, never their own, oldest first."""
    return (
        PracticalDeed.objects.filter(confirmable_deeds_filter(user), state=DeedState.SUBMITTED)
        .select_related("member", "venue", "committee")
        .annotate(photo_count=Count("photos"))
        .order_by("done_on", "id")
    )


def deed_details() -> QuerySet[PracticalDeed]:
    """What the record page shows of a deed: its people, venue and photos."""
    return PracticalDeed.objects.select_related(
        "member", "venue", "committee", "decided_by"
    ).prefetch_related("photos")
