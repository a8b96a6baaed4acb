"""Sign-in, settling attendance when the activity is held, and corrections.

Sign-in is the hot path (a plenary of 500 signing in within minutes): it inserts one row per
member under a unique constraint and never locks the activity row.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from zhengxie.core.models import Member, User
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import Credit, credit_duty_many, revoke_duty

from ..models import (
    Activity,
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    Invitation,
    LeaveRequest,
    LeaveStatus,
)
from ..models.activities import COUNTS_HELD
from ..permissions import check_manage_activity_permission, check_take_part_permission
from ..signin import check_token
from ..steps import states_allowing, take
from .absences import raise_absence_warnings
from .activities import takes_part

COUNTED_ABSENT = (AttendanceStatus.ABSENT, AttendanceStatus.PARTIAL)


def sign_in_with_token(*, user: User, token: str, activity: Activity) -> tuple[Attendance, bool]:
    """The member scanned the venue screen; returns (attendance, newly signed in).
    Raises SignInTokenError for a forged or expired token. Takes no lock: the unique
    constraint on (activity, member) keeps a double tap to one row."""
    check_token(token, activity)
    member = check_take_part_permission(user, activity)
    if not takes_part(activity):
        raise ValidationError(_("活动已结束签到。"))
    if not Invitation.objects.filter(activity=activity, member=member).exists():
        raise PermissionDenied(_("您不在本次活动的邀请名单中，请联系会务工作人员。"))
    return _insert_signin(activity, member, AttendanceMethod.QR, user)


def _insert_signin(activity, member, method, actor) -> tuple[Attendance, bool]:
    row = Attendance(
        activity=activity,
        committee_id=activity.committee_id,
        member=member,
        status=AttendanceStatus.SIGNED_IN,
        method=method,
        signed_in_at=timezone.now(),
    )
    row._history_user = actor
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return Attendance.objects.get(activity=activity, member=member), False
    return row, True


def bulk_sign_in(*, actor: User | None, activity: Activity, member_ids: list[int]) -> int:
    """Sign in many invitees at once (a paper sign-in sheet typed in after the meeting, or the
    demo loader when actor is None); members already signed in are skipped."""
    if actor is not None:
        check_manage_activity_permission(actor, activity.committee_id)
    if not takes_part(activity):
        raise ValidationError(_("活动已结算考勤，请先撤销后再登记。"))
    invited = set(activity.invitations.values_list("member_id", flat=True))
    if not set(member_ids) <= invited:
        raise ValidationError({"members": _("只能登记本次活动邀请的委员。")})
    done = set(activity.attendances.values_list("member_id", flat=True))
    now = timezone.now()
    rows = [
        Attendance(
            activity=activity,
            committee_id=activity.committee_id,
            member_id=pk,
            status=AttendanceStatus.SIGNED_IN,
            method=AttendanceMethod.STAFF,
            signed_in_at=now,
        )
        for pk in dict.fromkeys(member_ids)
        if pk not in done
    ]
    bulk_create_with_history(rows, Attendance, default_user=actor, batch_size=500)
    return len(rows)


def record_attendance_by_staff(
    *, actor: User, activity: Activity, member: Member, minutes_present: int | None = None
) -> Attendance:
    """Staff sign a member in at the desk, or record how long they stayed (early leave)."""
    check_manage_activity_permission(actor, activity.committee_id)
    if member.committee_id != activity.committee_id:
        raise ValidationError({"member": _("只能登记本级政协委员。")})
    if not takes_part(activity):
        raise ValidationError(_("活动已结算考勤，请先撤销后再登记。"))
    if minutes_present is not None and minutes_present > activity.duration_minutes:
        raise ValidationError({"minutes_present": _("在场时间不能超过活动时长。")})
    attendance, _created = _insert_signin(activity, member, AttendanceMethod.STAFF, actor)
    if minutes_present is not None:
        with transaction.atomic():
            attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
            attendance.minutes_present = minutes_present
            attendance._history_user = actor
            attendance._change_reason = _("登记在场时间")
            attendance.save(update_fields=["minutes_present"])
    return attendance


def _settled_status(activity: Activity, row: Attendance | None, excused: bool) -> str:
    if excused:
        return AttendanceStatus.EXCUSED
    if row is None:
        return AttendanceStatus.ABSENT
    # 每次会议参加时间不足2/3者，视为缺席（威海 2013）
    if row.minutes_present is not None and row.minutes_present * 3 < activity.duration_minutes * 2:
        return AttendanceStatus.PARTIAL
    return AttendanceStatus.PRESENT


def _settle_rows(activity: Activity, actor: User | None) -> list[Attendance]:
    """The rows to settle: invitees without a row, sign-ins and, the first time, struck
    sign-ins. What was settled stays as it is, and a sign-in struck after the settlement stays
    struck, so entering another held state (or the office moving the activity back and forth)
    changes nothing that was settled."""
    invited = list(activity.invitations.values_list("member_id", flat=True))
    rows = {
        a.member_id: a for a in Attendance.objects.select_for_update().filter(activity=activity)
    }
    unsettled = {AttendanceStatus.SIGNED_IN}
    held_before = activity.history.filter(state__in=states_allowing("activity", COUNTS_HELD))
    if not held_before.exists():
        unsettled.add(AttendanceStatus.CANCELLED)
    excused = set(
        LeaveRequest.objects.filter(activity=activity, status=LeaveStatus.APPROVED).values_list(
            "member_id", flat=True
        )
    )
    settled = []
    for member_id in dict.fromkeys([*invited, *rows]):
        row = rows.get(member_id)
        if row is not None and row.status not in unsettled:
            continue
        # A struck sign-in settles as if the member had not signed in at all.
        signed = row if row is not None and row.status != AttendanceStatus.CANCELLED else None
        status = _settled_status(activity, signed, member_id in excused and signed is None)
        if row is None:
            row = Attendance(
                activity=activity,
                committee_id=activity.committee_id,
                member_id=member_id,
                method=AttendanceMethod.SETTLED,
            )
        row.status = status
        row._history_user = actor
        settled.append(row)
    return settled


def settle_attendance(step) -> None:
    """On entering a held state: close sign-in and settle every invitee as present, partial
    (counts absent), excused or absent; credit attendance and absences and raise absence
    warnings. Attendance rows are records of what happened, settled by rule, not steps people
    take: their history says who settled them."""
    activity, actor = step.record, step.actor
    rows = _settle_rows(activity, actor)
    reason = _("结算考勤")
    settled, new = [r for r in rows if r.pk], [r for r in rows if r.pk is None]
    bulk_update_with_history(
        settled, Attendance, ["status"], default_user=actor, default_change_reason=reason
    )
    bulk_create_with_history(
        new, Attendance, default_user=actor, default_change_reason=reason, batch_size=500
    )
    credit_duty_many(credits=_credits(activity, rows))
    absent_ids = [r.member_id for r in rows if r.status in COUNTED_ABSENT]
    raise_absence_warnings(activity=activity, member_ids=absent_ids)


def mark_held(*, actor: User | None, activity: Activity) -> Activity:
    """The office confirms the activity was held; its attendance is settled on entering the
    state (settle_attendance). Locks the activity, then its attendance rows."""
    return take(activity, "mark_held", actor)


def _credits(activity: Activity, rows: list[Attendance]) -> list[Credit]:
    """Attendance for those present, an absence for those counted absent; one plenary
    settles hundreds of members, so the ledger takes them in one bulk call."""
    day = timezone.localdate(activity.starts_at)
    kinds = {AttendanceStatus.PRESENT: DutyKind.ATTENDANCE}
    kinds.update(dict.fromkeys(COUNTED_ABSENT, DutyKind.ABSENCE))
    return [
        Credit(
            member=Member(pk=row.member_id, committee_id=activity.committee_id),
            kind=kinds[row.status],
            source=activity,
            occurred_on=day,
            role=activity.kind.code,
        )
        for row in rows
        if row.status in kinds
    ]


def cancel_attendance(*, actor: User, attendance: Attendance, note: str = "") -> Attendance:
    """Staff strike a wrong sign-in; a settled attendance credit is reversed."""
    check_manage_activity_permission(actor, attendance.committee_id)
    with transaction.atomic():
        row = (
            Attendance.objects.select_for_update().select_related("activity").get(pk=attendance.pk)
        )
        if row.status == AttendanceStatus.CANCELLED:
            raise ValidationError(_("该签到已撤销。"))
        was_present = row.status == AttendanceStatus.PRESENT
        row.status = AttendanceStatus.CANCELLED
        row._history_user = actor
        row._change_reason = (note or _("撤销签到"))[:100]
        row.save(update_fields=["status"])
        if was_present:
            revoke_duty(
                member=row.member,
                kind=DutyKind.ATTENDANCE,
                source=row.activity,
                note=note or _("撤销签到"),
            )
    return row
