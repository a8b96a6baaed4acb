"""Who is due a warning, read from the computed year: members below the points warning line.
Absences have their own warnings, raised when an activity is held (activities.services.
absences), so a member is never warned twice for the same absences."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from zhengxie.core.models import Committee

from ..loading import get_evaluation
from ..models import DutyWarning, WarningReason, YearBalance


@dataclass(frozen=True)
class DueWarning:
    member_id: int
    member_name: str
    reason: str
    detail: str


def due_warnings(*, committee: Committee, year: int) -> list[DueWarning]:
    conf = get_evaluation(committee.pk)
    rows = YearBalance.objects.filter(committee=committee, year=year, member__is_active=True)
    due = []
    for row in rows.values("member_id", "member__name", "quality"):
        if Decimal(row["quality"]) < conf.warning_line:
            detail = f"工作质效度 {row['quality']} 分，低于预警线 {conf.warning_line} 分"
            due.append(
                DueWarning(row["member_id"], row["member__name"], WarningReason.LOW_POINTS, detail)
            )
    return due


def list_warnings(*, committee_ids: list[int], year: int) -> QuerySet[DutyWarning]:
    return (
        DutyWarning.objects.filter(committee_id__in=committee_ids, year=year)
        .select_related("member", "committee", "talked_by")
        .order_by("status", "member__name")
    )
