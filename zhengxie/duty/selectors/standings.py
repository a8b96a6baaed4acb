"""Staff reads over the computed years: rankings, distributions, honours. A published year
is read from its snapshot, an open year from the cache."""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from zhengxie.core.models import Member

from ..models import (
    DutyKind,
    DutyRecord,
    Recognition,
    RecognitionKind,
    RecognitionLevel,
    YearBalance,
    YearResult,
    YearResultRow,
)

POINT_BANDS = [(0, 20), (20, 40), (40, 60), (60, 80), (80, 100), (100, None)]


def year_querysets(committee_ids: list[int], year: int) -> list[QuerySet]:
    """The rows that stand for the year: each committee's snapshot if published, else cache.
    The published committees are a subquery of both, not a statement of their own."""
    published = YearResult.objects.filter(committee_id__in=committee_ids, year=year)
    return [
        YearBalance.objects.filter(
            committee_id__in=committee_ids, year=year, member__is_active=True
        ).exclude(committee_id__in=published.values("committee_id")),
        YearResultRow.objects.filter(result__in=published),
    ]


def ranking(*, committee_ids: list[int], year: int, limit: int = 50) -> list[dict]:
    fields = (
        "member_id",
        "member__name",
        "committee__short_name",
        "member__sector__name",
        "points",
        "score",
        "grade",
        "five_ones_done",
    )
    rows = []
    for qs in year_querysets(committee_ids, year):
        rows.extend(qs.order_by("-points", "member_id").values(*fields)[:limit])
    rows.sort(key=lambda r: (-r["points"], r["member_id"]))
    return rows[:limit]


def distribution(*, committee_ids: list[int], year: int, by: str) -> list[dict]:
    """Members, average points, participants and five-ones completion per committee, sector
    or special committee (by: a lookup such as "member__sector__name")."""
    merged: dict[str, dict] = defaultdict(lambda: {"n": 0, "points": 0, "attended": 0, "five": 0})
    for qs in year_querysets(committee_ids, year):
        for row in (
            qs.values(by)
            .annotate(
                n=Count("id"),
                total=Sum("points"),
                attended_n=Count("id", filter=Q(attended=True)),
                five_n=Count("id", filter=Q(five_ones_done=True)),
            )
            .order_by()
        ):
            bucket = merged[row[by] or "未分类"]
            bucket["n"] += row["n"]
            bucket["points"] += float(row["total"] or 0)
            bucket["attended"] += row["attended_n"]
            bucket["five"] += row["five_n"]
    return sorted(
        (
            {
                "name": name,
                "members": b["n"],
                "average": round(b["points"] / b["n"], 1) if b["n"] else 0,
                "participation_rate": _rate(b["attended"], b["n"]),
                "five_ones_rate": _rate(b["five"], b["n"]),
            }
            for name, b in merged.items()
        ),
        key=lambda r: -r["average"],
    )


def _rate(part: int, whole: int) -> float:
    """A fraction 0..1; templates print it with |percent."""
    return part / whole if whole else 0.0


def points_distribution(committee_ids: list[int], year: int) -> list[dict]:
    counts = dict.fromkeys(POINT_BANDS, 0)
    for qs in year_querysets(committee_ids, year):
        aggregates = {
            f"b{i}": Count("id", filter=Q(points__gte=low) & (Q(points__lt=high) if high else Q()))
            for i, (low, high) in enumerate(POINT_BANDS)
        }
        found = qs.aggregate(**aggregates)
        for i, band in enumerate(POINT_BANDS):
            counts[band] += found[f"b{i}"]
    return [
        {"label": f"{low}–{high - 1}" if high else _("%(low)s 以上") % {"low": low}, "count": n}
        for (low, high), n in counts.items()
    ]


def grade_distribution(committee_ids: list[int], year: int) -> dict[str, int]:
    found: dict[str, int] = defaultdict(int)
    for qs in year_querysets(committee_ids, year):
        for grade, n in qs.values_list("grade").annotate(n=Count("id")).order_by():
            found[grade] += n
    return dict(found)


def participants(committee_ids: list[int], year: int) -> int:
    """Active members with at least one net attendance credit in the year, from the ledger."""
    return (
        DutyRecord.objects.filter(
            committee_id__in=committee_ids,
            year=year,
            kind=DutyKind.ATTENDANCE,
            member__is_active=True,
        )
        .values("member_id")
        .annotate(net=Sum("sign"))
        .filter(net__gt=0)
        .count()
    )


def active_members(committee_ids: list[int]) -> int:
    return Member.objects.filter(committee_id__in=committee_ids, is_active=True).count()


def list_recognitions(*, committee_ids: list[int], year: int | None = None) -> QuerySet:
    qs = Recognition.objects.filter(committee_id__in=committee_ids, is_deleted=False)
    if year:
        qs = qs.filter(occurred_on__year=year)
    return qs.select_related("member", "committee", "member__sector")


def provincial_honours(committee_ids: list[int], year: int) -> QuerySet:
    return list_recognitions(committee_ids=committee_ids, year=year).filter(
        kind=RecognitionKind.HONOUR, level=RecognitionLevel.PROVINCIAL
    )
