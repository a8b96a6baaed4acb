"""Rebuilding the YearBalance cache set-based, and publishing a closed year's snapshot."""

from django.db import transaction
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
        YearBalance(
            committee=committee,
            member_id=member_id,
            year=year,
            **evaluate(
                book,
                conf,
                counts.get(member_id, {}),
                rating=ratings.get(member_id),
                recognised=recognised.get(member_id, {}),
            ),
        )
        for member_id in member_ids
    ]
    _store(committee, year, rows, set(member_ids))
    return len(rows)


def _store(committee: Committee, year: int, rows: list[YearBalance], keep: set[int]) -> None:
    with transaction.atomic():
        YearBalance.objects.bulk_create(
            rows,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["member", "year"],
            update_fields=[*FIGURE_FIELDS, "computed_at"],
        )
        stored = YearBalance.objects.filter(committee=committee, year=year)
        gone = [
            pk for pk, member_id in stored.values_list("pk", "member_id") if member_id not in keep
        ]
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
