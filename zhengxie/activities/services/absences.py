"""Absences without approved leave counted against the committee's thresholds.

威海 2013: 常委届内累计缺席常委会议7次，委员届内累计缺席全体会议3次，应劝其辞去职务；
山东 2013: 常委年内缺席常委会议3次。Thresholds are committee settings.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.config import get_setting
from zhengxie.core.models import Member, Role, User
from zhengxie.core.services.notifications import notify

from ..models import AbsenceRule, AbsenceWarning, Activity, Attendance, AttendanceStatus
from ..models.warnings import WarningRule

ABSENT = (AttendanceStatus.ABSENT, AttendanceStatus.PARTIAL)


@dataclass(frozen=True)
class Threshold:
    rule: WarningRule
    setting: str
    per: str  # "term" or "year"


THRESHOLDS = {
    AbsenceRule.PLENARY: [
        Threshold(WarningRule.PLENARY_TERM, "activities.absence.plenary_per_term", "term"),
    ],
    AbsenceRule.STANDING: [
        Threshold(WarningRule.STANDING_YEAR, "activities.absence.standing_per_year", "year"),
        Threshold(WarningRule.STANDING_TERM, "activities.absence.standing_per_term", "term"),
    ],
}


def _counts(activity: Activity, member_ids: list[int], per: str) -> dict[int, int]:
    rows = Attendance.objects.filter(
        member_id__in=member_ids,
        status__in=ABSENT,
        activity__kind__absence_rule=activity.kind.absence_rule,
        activity__committee_id=activity.committee_id,
    )
    if per == "term":
        rows = rows.filter(activity__term_id=activity.term_id)
    else:
        rows = rows.filter(activity__starts_at__year=timezone.localtime(activity.starts_at).year)
    return dict(rows.values_list("member_id").annotate(n=Count("id")).values_list("member_id", "n"))


def raise_absence_warnings(*, activity: Activity, member_ids: list[int]) -> int:
    """Record and send a warning for each member who has just reached a threshold."""
    thresholds = THRESHOLDS.get(activity.kind.absence_rule, [])
    if not member_ids or not thresholds:
        return 0
    standing_only = activity.kind.absence_rule == AbsenceRule.STANDING
    if standing_only:
        member_ids = list(
            Member.objects.filter(pk__in=member_ids, is_standing=True).values_list("pk", flat=True)
        )
    raised = 0
    for threshold in thresholds:
        limit = int(get_setting(activity.committee_id, threshold.setting))
        period = (
            f"term-{activity.term_id}"
            if threshold.per == "term"
            else str(timezone.localtime(activity.starts_at).year)
        )
        for member_id, count in _counts(activity, member_ids, threshold.per).items():
            if count >= limit:
                raised += _warn(activity, member_id, threshold, period, count, limit)
    return raised


def _warn(activity, member_id: int, threshold: Threshold, period: str, count: int, limit) -> int:
    _warning, created = AbsenceWarning.objects.get_or_create(
        member_id=member_id,
        rule=threshold.rule,
        period=period,
        defaults={"committee_id": activity.committee_id, "count": count, "threshold": limit},
    )
    if not created:
        return 0
    member = Member.objects.select_related("user").get(pk=member_id)
    office = User.objects.filter(
        role_grants__committee_id=activity.committee_id, role_grants__role=Role.STAFF
    ).distinct()
    title = _("缺席预警：%(m)s%(rule)s已达%(n)s次") % {
        "m": member.name,
        "rule": threshold.rule.label,
        "n": count,
    }
    notify(recipients=[*office, member.user], title=title, url=reverse("activities:warnings"))
    return 1
