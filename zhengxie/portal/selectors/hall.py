"""The hall's exhibitions, browsable by theme and period."""

from django.db.models import Count, Prefetch
from django.http import Http404

from zhengxie.core.models import Committee
from zhengxie.core.permissions import is_office

from ..models import Exhibition, ExhibitItem


def list_exhibitions(user, committee: Committee, *, theme: str = "", period: str = ""):
    query = Exhibition.objects.filter(committee=committee).annotate(item_count=Count("items"))
    if not is_office(user, committee):
        query = query.filter(is_published=True)
    if theme:
        query = query.filter(theme=theme)
    if period:
        query = query.filter(period=period)
    return list(query.prefetch_related(Prefetch("items", queryset=ExhibitItem.objects.all())))


def list_periods(committee: Committee) -> list[str]:
    return list(
        Exhibition.objects.filter(committee=committee, is_published=True)
        .order_by("period")
        .values_list("period", flat=True)
        .distinct()
    )


def can_see_exhibition(user, exhibition: Exhibition) -> bool:
    return exhibition.is_published or is_office(user, exhibition.committee_id)


def get_visible_exhibition(user, pk: int) -> Exhibition:
    """A published exhibition, or a draft for its committee's office; 404 for anyone else."""
    exhibition = Exhibition.objects.filter(pk=pk).first()
    if exhibition is None or not can_see_exhibition(user, exhibition):
        raise Http404
    return exhibition
