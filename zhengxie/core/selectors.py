"""Reads of the core records that are more than a lookup."""

from django.db.models import QuerySet

from .models import Committee


def get_home_committee() -> Committee | None:
    """The committee whose portal a guest lands on: the city committee (the root)."""
    return Committee.objects.filter(parent__isnull=True).order_by("id").first()


def list_committees_with_children() -> QuerySet[Committee]:
    return Committee.objects.select_related("parent").order_by("level", "id")
