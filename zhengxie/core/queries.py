"""Query shapes the apps share."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(rows: QuerySet, link: str):
    """An annotation counting `rows` whose `link` points at the outer row.

    Several Count() annotations over to-many relations join them all at once, so each venue's
    members × sessions × cases rows are grouped again (seconds on the demo); one correlated
    subquery per figure keeps each count to its own index lookup."""
    counted = (
        rows.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
