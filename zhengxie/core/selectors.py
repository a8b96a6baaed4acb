"""Reads of the core records that are more than a lookup."""

from django.db.models import Count, Q, QuerySet

from .models import Committee, Member


def get_home_committee() -> Committee | None:
    """The committee whose portal a guest lands on: the city committee (the root)."""
    return Committee.objects.filter(parent__isnull=True).order_by("id").first()


def list_committees_with_children() -> QuerySet[Committee]:
    return Committee.objects.select_related("parent").order_by("level", "id")


def committee_scope(committee: Committee, *, rollup: bool) -> list[int]:
    """The committee alone, or with its county committees (the city's roll-up)."""
    if not rollup:
        return [committee.pk]
    return [committee.pk, *Committee.objects.filter(parent=committee).values_list("id", flat=True)]


def member_figures(*, committee_ids: list[int]) -> dict:
    """Serving members and how many of them report to a town (下沉报到)."""
    members = Member.objects.filter(committee_id__in=committee_ids, is_active=True)
    counts = members.aggregate(
        total=Count("id"), reported_to_towns=Count("id", filter=Q(town__isnull=False))
    )
    return {"total": counts["total"], "reported_to_towns": counts["reported_to_towns"]}
