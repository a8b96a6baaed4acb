"""The year's attendance as the office hands it in, through core.spreadsheets (the one
workbook writer): per activity held (expected, present, on leave, absent, the rate) and per
member, and the guests and cadres apart. Three queries whatever the number of activities and
members."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from zhengxie.core.spreadsheets import Sheet, write_workbook

from .models import Activity, Attendance, AttendanceStatus, Guest, GuestStatus
from .models.activities import COUNTS_HELD
from .steps import states_allowing

S = AttendanceStatus
# Present for less than two thirds of the time counts absent (威海 2013), as the ledger does.
COUNTS = {
    "expected": ~Q(status=S.CANCELLED),
    "present": Q(status=S.PRESENT),
    "excused": Q(status=S.EXCUSED),
    "absent": Q(status__in=[S.ABSENT, S.PARTIAL]),
}
COUNT_HEADER = [_("应到"), _("出席"), _("请假"), _("缺席（含出席不足2/3）"), _("出席率")]


def _held_states() -> list[str]:
    return states_allowing("activity", COUNTS_HELD)


def _counts(row: dict) -> list:
    rate = row["present"] / row["expected"] if row["expected"] else 0
    return [row["expected"], row["present"], row["excused"], row["absent"], round(rate, 4)]


def by_activity(committee_ids: list[int], year: int) -> Sheet:
    rows = (
        Activity.objects.filter(
            committee_id__in=committee_ids, starts_at__year=year, state__in=_held_states()
        )
        .values("starts_at", "committee__short_name", "title", "kind__name")
        .annotate(
            expected=Count("attendances", filter=~Q(attendances__status=S.CANCELLED)),
            present=Count("attendances", filter=Q(attendances__status=S.PRESENT)),
            excused=Count("attendances", filter=Q(attendances__status=S.EXCUSED)),
            absent=Count("attendances", filter=Q(attendances__status__in=[S.ABSENT, S.PARTIAL])),
        )
        .order_by("starts_at", "id")
    )
    body = (
        [
            r["starts_at"].date(),
            r["committee__short_name"],
            r["title"],
            r["kind__name"],
            *_counts(r),
        ]
        for r in rows
    )
    header = [_("日期"), _("政协"), _("活动名称"), _("类型"), *COUNT_HEADER]
    return Sheet(_("按活动"), header, body, freeze_header=True)


def by_member(committee_ids: list[int], year: int) -> Sheet:
    rows = (
        Attendance.objects.filter(
            committee_id__in=committee_ids,
            activity__starts_at__year=year,
            activity__state__in=_held_states(),
        )
        .values(
            "member_id", "member__committee__short_name", "member__name", "member__sector__name"
        )
        .annotate(**{name: Count("id", filter=q) for name, q in COUNTS.items()})
        .order_by("member__committee__short_name", "member_id")
    )
    body = (
        [
            r["member__committee__short_name"],
            r["member__name"],
            r["member__sector__name"],
            *_counts(r),
        ]
        for r in rows
    )
    header = [_("政协"), _("委员"), _("界别"), *COUNT_HEADER]
    return Sheet(_("按委员"), header, body, freeze_header=True)


def guests(committee_ids: list[int], year: int) -> Sheet:
    """Guests and cadres at held activities, on a sheet of their own: they are not members and
    never enter the two sheets above."""
    rows = (
        Guest.objects.filter(
            committee_id__in=committee_ids,
            activity__starts_at__year=year,
            activity__state__in=_held_states(),
        )
        .exclude(status=GuestStatus.CANCELLED)
        .select_related("activity", "committee")
        .order_by("activity__starts_at", "activity_id", "kind", "id")
    )
    body = (
        [
            g.activity.starts_at.date(),
            g.committee.short_name,
            g.activity.title,
            _("机关自身活动") if g.activity.office_own else "",
            g.get_kind_display(),
            g.name,
            g.unit,
            g.get_status_display(),
        ]
        for g in rows
    )
    header = [
        _("日期"),
        _("政协"),
        _("活动名称"),
        _("主办"),
        _("类别"),
        _("姓名"),
        _("单位"),
        _("出席情况"),
    ]
    return Sheet(_("特邀人员与机关干部"), header, body, freeze_header=True)


def attendance_workbook(*, committee_ids: list[int], year: int) -> bytes:
    return write_workbook(
        [
            by_activity(committee_ids, year),
            by_member(committee_ids, year),
            guests(committee_ids, year),
        ]
    )
