"""The one absence-warning system: absences without approved leave counted against the
committee's limits when an activity is held, each member warned once per limit and period.

The limits are one rule (activities.absence_limits): per absence rule of the activity kind
(全体会议, 常委会议), a limit per calendar year and one per term. Its defaults follow 威海 2013
(委员届内累计缺席全体会议3次，常委届内累计缺席常委会议7次) and 山东 2013 (常委年内缺席常委会议
3次); the rule's source says why the other figures were not kept.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Member, Role, User
from zhengxie.core.rules import rule
from zhengxie.core.services.notifications import notify

from ..models import AbsenceRule, AbsenceWarning, Activity, Attendance, AttendanceStatus
from ..models.warnings import WarningRule
from ..notifications import ABSENCE_WARNING
from ..rules import ABSENCE_LIMITS

ABSENT = (AttendanceStatus.ABSENT, AttendanceStatus.PARTIAL)
PERIODS = ("year", "term")


@dataclass(frozen=True)
class Threshold:
    rule: WarningRule
    per: str  # "term" or "year"
    limit: int


def thresholds_for(activity: Activity) -> list[Threshold]:
    """The limits the activity's kind counts against, as the committee set them."""
    category = activity.kind.absence_rule
    if category == AbsenceRule.NONE:
        return []
    limits = rule(activity.committee_id, ABSENCE_LIMITS).get(category, {})
    return [
        Threshold(WarningRule(f"{category}_{per}"), per, limits[per])
        for per in PERIODS
        if limits.get(per)
    ]


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
    thresholds = thresholds_for(activity)
    if not member_ids or not thresholds:
        return 0
    standing_only = activity.kind.absence_rule == AbsenceRule.STANDING
    if standing_only:
        member_ids = list(
            Member.objects.filter(pk__in=member_ids, is_standing=True).values_list("pk", flat=True)
        )
    raised = 0
    for threshold in thresholds:
        period = (
            f"term-{activity.term_id}"
            if threshold.per == "term"
            else str(timezone.localtime(activity.starts_at).year)
        )
        for member_id, count in _counts(activity, member_ids, threshold.per).items():
            if count >= threshold.limit:
                raised += _warn(activity, member_id, threshold, period, count)
    return raised


def _warn(activity: Activity, member_id: int, threshold: Threshold, period: str, count: int) -> int:
    _warning, created = AbsenceWarning.objects.get_or_create(
        member_id=member_id,
        rule=threshold.rule,
        period=period,
        defaults={
            "committee_id": activity.committee_id,
            "count": count,
            "threshold": threshold.limit,
        },
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
    notify(
        kind=ABSENCE_WARNING,
        recipients=[*office, member.user],
        title=title,
        url=reverse("activities:warnings"),
    )
    return 1
