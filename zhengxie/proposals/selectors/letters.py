"""Reads of members' letters (委员来信): the office's desk, the proposers' own list and the
letter's page."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zhengxie.core.models import User

from ..models import Letter, LetterState
from ..permissions import check_letter_desk, check_read_letter

LIST_LIMIT = 200


def _listed(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("committee", "unit", "proposal").order_by("-created_at", "-id")


def list_letter_desk(*, user: User, state: str = "") -> QuerySet:
    """The office's letters, the open ones unless a state is asked for."""
    letters = Letter.objects.filter(committee_id__in=check_letter_desk(user))
    if state:
        return _listed(letters.filter(state=state))
    return _listed(letters.exclude(state=LetterState.ANSWERED))


def list_my_letters(*, user: User) -> QuerySet:
    """The letters the person's proposals became, with their state."""
    member = getattr(user, "member", None)
    if member is None:
        return Letter.objects.none()
    mine = Letter.objects.filter(proposal__proposers__member=member).values("pk")
    return _listed(Letter.objects.filter(pk__in=mine))


def get_readable_letter(*, user: User, pk: int) -> Letter:
    letter = get_object_or_404(
        Letter.objects.select_related("committee", "unit", "proposal"), pk=pk
    )
    check_read_letter(user, letter)
    return letter
