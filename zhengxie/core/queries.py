"""Query shapes the apps share."""

from django.core.exceptions import EmptyResultSet
from django.db import connections
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


def count_together(**counted: QuerySet) -> dict[str, int]:
    """How many rows each queryset holds, read in one statement of scalar subqueries:
    `SELECT (SELECT COUNT(*) FROM (...)), (SELECT COUNT(*) FROM (...)), ...`. A queryset of
    `.values(field).distinct()` counts the distinct values, as its `.count()` would.

    For small counts over different tables (several counts over one table are one aggregate
    with filters instead): the province's review asks every city for a dozen of them, and on
    PostgreSQL each statement costs a round trip and Django's work to compile and send it,
    1-2 ms, more than the counting itself. All querysets read the same database."""
    columns, params, using = [], [], None
    for rows in counted.values():
        using = rows.db
        try:
            if not rows.query.values_select:  # the rows themselves: their keys suffice
                rows = rows.values("pk")
            sql, row_params = rows.order_by().query.get_compiler(using).as_sql()
        except EmptyResultSet:  # an empty `__in` list: Django sends no statement for it
            columns.append("0")
            continue
        columns.append(f"(SELECT COUNT(*) FROM ({sql}) counted_rows)")
        params.extend(row_params)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        return dict(zip(counted, cursor.fetchone(), strict=True))
