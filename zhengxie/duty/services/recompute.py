"""Rebuilding the YearBalance cache set-based, and publishing a closed year's snapshot."""

import json

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from zhengxie.core.models import Committee, Member, User

from ..engine import evaluate
from ..loading import get_evaluation, get_rulebook, ledger_counts, ratings_for, recognised_counts
from ..models import YearBalance, YearResult, YearResultRow
from ..permissions import check_manage_duty_permission
from .rules import ensure_rules

FIGURE_FIELDS = [
    "committee",
    "points",
    "breakdown",
    "counts",
    "five_ones",
    "five_ones_done",
    "attended",
    "absences",
    "quality",
    "satisfaction",
    "reputation",
    "score",
    "grade",
    "scheme_name",
]
BATCH = 2000


class YearClosedError(Exception):
    """A published year keeps its results; rules changed later do not touch it."""


def is_published(committee_id: int, year: int) -> bool:
    return YearResult.objects.filter(committee_id=committee_id, year=year).exists()


def recompute_year(*, committee: Committee, year: int) -> int:
    """Recompute every member's year of one committee; returns the members computed.
    One grouped query over the ledger, the rules applied per group in Python, one upsert."""
    if is_published(committee.pk, year):
        raise YearClosedError(f"{committee.display_name} {year} 年度考评结果已发布，不再重算。")
    ensure_rules(committee=committee)
    book, conf = get_rulebook(committee.pk), get_evaluation(committee.pk)
    counts = ledger_counts(Q(committee_id=committee.pk, year=year))
    active = Member.objects.filter(committee=committee, is_active=True).values_list("id", flat=True)
    member_ids = sorted(set(active) | set(counts))
    ratings = ratings_for(member_ids, year)
    recognised = recognised_counts(Q(committee_id=committee.pk), year)
    rows = [
        evaluate(
            book,
            conf,
            counts.get(member_id, {}),
            rating=ratings.get(member_id),
            recognised=recognised.get(member_id, {}),
        )
        for member_id in member_ids
    ]
    with transaction.atomic():
        _upsert(committee.pk, year, member_ids, rows)
        _drop_departed(committee, year, set(member_ids))
    return len(rows)


JSON_FIELDS = {"breakdown", "counts", "five_ones"}
VALUE_FIELDS = [f for f in FIGURE_FIELDS if f != "committee"]


def _upsert(committee_id: int, year: int, member_ids: list[int], rows: list[dict]) -> None:
    """INSERT ... ON CONFLICT (member, year) DO UPDATE, batched. Plain SQL because the ORM's
    per-value preparation of 40,000 rows x 17 fields costs more than the scoring itself."""
    columns = ["committee_id", "member_id", "year", *VALUE_FIELDS, "computed_at"]
    cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    marks = ", ".join(cast if c in JSON_FIELDS else "%s" for c in columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[3:])
    sql = (
        f"INSERT INTO {YearBalance._meta.db_table} ({', '.join(columns)}) VALUES ({marks}) "
        f"ON CONFLICT (member_id, year) DO UPDATE SET {updates}"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = [
        (
            committee_id,
            member_id,
            year,
            *(json.dumps(row[f]) if f in JSON_FIELDS else row[f] for f in VALUE_FIELDS),
            now,
        )
        for member_id, row in zip(member_ids, rows, strict=True)
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])


def _drop_departed(committee: Committee, year: int, keep: set[int]) -> None:
    """Balances of members no longer active and without records this year go."""
    stored = YearBalance.objects.filter(committee=committee, year=year)
    gone = [pk for pk, member_id in stored.values_list("pk", "member_id") if member_id not in keep]
    for start in range(0, len(gone), BATCH):
        YearBalance.objects.filter(pk__in=gone[start : start + BATCH]).delete()


def open_years(committee: Committee) -> list[int]:
    """The years a rule change recomputes: this year and every computed year not published."""
    years = set(
        YearBalance.objects.filter(committee=committee).values_list("year", flat=True).distinct()
    )
    years.add(timezone.localdate().year)
    closed = set(YearResult.objects.filter(committee=committee).values_list("year", flat=True))
    return sorted(years - closed)


def publish_year(*, actor: User, committee: Committee, year: int) -> YearResult:
    """Close a year: recompute it once more, then freeze the figures as the published result.
    Locks the committee row so two publications cannot race."""
    check_manage_duty_permission(actor, committee)
    if year >= timezone.localdate().year + 1:
        raise ValueError("不能发布尚未开始的年度。")
    with transaction.atomic():
        Committee.objects.select_for_update().filter(pk=committee.pk).first()
        recompute_year(committee=committee, year=year)
        result = YearResult.objects.create(
            committee=committee,
            year=year,
            scheme_name=get_rulebook(committee.pk).scheme_name,
            published_by=actor,
        )
        balances = YearBalance.objects.filter(committee=committee, year=year)
        YearResultRow.objects.bulk_create(
            (
                YearResultRow(
                    result=result,
                    member_id=b.member_id,
                    year=year,
                    **{f: getattr(b, f) for f in FIGURE_FIELDS},
                )
                for b in balances.iterator(chunk_size=BATCH)
            ),
            batch_size=BATCH,
        )
    return result
