import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhengxie.activities.factories import make_activity, make_invited_member
from zhengxie.activities.models import (
    Attendance,
    AttendanceStatus,
    LeaveRequest,
    LeaveStatus,
)
from zhengxie.activities.services.attendance import (
    cancel_attendance,
    mark_held,
    record_attendance_by_staff,
    sign_in_with_token,
)
from zhengxie.activities.signin import make_token
from zhengxie.core.models import Role
from zhengxie.core.workflow import WorkflowError
from zhengxie.duty.models import DutyKind, DutyRecord


@pytest.fixture
def activity(city):
    return make_activity(committee=city, state="notified", hours=3)


def _status(activity, member) -> str:
    return Attendance.objects.get(activity=activity, member=member).status


def test_holding_settles_present_excused_absent_and_partial(activity, staff):
    # given four invitees: one signs in, one has approved leave, one stays away,
    # one leaves after an hour of a three-hour meeting
    present = make_invited_member(activity=activity)
    excused = make_invited_member(activity=activity)
    absent = make_invited_member(activity=activity)
    partial = make_invited_member(activity=activity)
    sign_in_with_token(user=present.user, token=make_token(activity), activity=activity)
    LeaveRequest.objects.create(
        activity=activity,
        committee=activity.committee,
        member=excused,
        reason="出差",
        approver="office",
        status=LeaveStatus.APPROVED,
    )
    record_attendance_by_staff(actor=staff, activity=activity, member=partial, minutes_present=60)
    # when
    mark_held(actor=staff, activity=activity)
    # then
    activity.refresh_from_db()
    assert activity.state == "held"
    assert _status(activity, present) == AttendanceStatus.PRESENT
    assert _status(activity, excused) == AttendanceStatus.EXCUSED
    assert _status(activity, absent) == AttendanceStatus.ABSENT
    assert _status(activity, partial) == AttendanceStatus.PARTIAL


def test_two_thirds_of_the_time_counts_as_present(activity, staff):
    member = make_invited_member(activity=activity)
    record_attendance_by_staff(actor=staff, activity=activity, member=member, minutes_present=120)

    mark_held(actor=staff, activity=activity)

    assert _status(activity, member) == AttendanceStatus.PRESENT


def test_holding_credits_attendance_and_absence_once(activity, staff):
    present = make_invited_member(activity=activity)
    absent = make_invited_member(activity=activity)
    record_attendance_by_staff(actor=staff, activity=activity, member=present)

    mark_held(actor=staff, activity=activity)

    assert DutyRecord.objects.get(member=present).kind == DutyKind.ATTENDANCE
    assert DutyRecord.objects.get(member=absent).kind == DutyKind.ABSENCE
    with pytest.raises(WorkflowError):
        mark_held(actor=staff, activity=activity)
    assert DutyRecord.objects.count() == 2


def test_cancelled_attendance_revokes_the_credit(activity, staff):
    member = make_invited_member(activity=activity)
    row = record_attendance_by_staff(actor=staff, activity=activity, member=member)
    mark_held(actor=staff, activity=activity)

    cancel_attendance(actor=staff, attendance=row)

    row.refresh_from_db()
    assert row.status == AttendanceStatus.CANCELLED
    signs = list(DutyRecord.objects.filter(member=member).values_list("sign", flat=True))
    assert sorted(signs) == [-1, 1]


def test_struck_sign_in_settles_as_absent(activity, staff):
    member = make_invited_member(activity=activity)
    row = record_attendance_by_staff(actor=staff, activity=activity, member=member)
    cancel_attendance(actor=staff, attendance=row)

    mark_held(actor=staff, activity=activity)

    assert _status(activity, member) == AttendanceStatus.ABSENT


def test_member_cannot_record_attendance_or_hold(activity, make_user):
    member = make_invited_member(activity=activity)

    with pytest.raises(PermissionDenied):
        record_attendance_by_staff(actor=member.user, activity=activity, member=member)
    with pytest.raises(PermissionDenied):
        mark_held(actor=member.user, activity=activity)


def test_county_staff_cannot_run_a_city_activity(activity, county, make_user):
    county_staff = make_user(Role.STAFF, county)

    with pytest.raises(PermissionDenied):
        mark_held(actor=county_staff, activity=activity)


def test_staff_cannot_record_more_minutes_than_the_activity_lasts(activity, staff):
    member = make_invited_member(activity=activity)

    with pytest.raises(ValidationError) as error:
        record_attendance_by_staff(
            actor=staff, activity=activity, member=member, minutes_present=500
        )
    assert "minutes_present" in error.value.message_dict
    assert not Attendance.objects.exists()


def test_planned_activity_cannot_be_held_before_the_notice(city, staff):
    activity = make_activity(committee=city, state="planned")

    with pytest.raises(WorkflowError, match="不能"):
        mark_held(actor=staff, activity=activity)
    activity.refresh_from_db()
    assert activity.state == "planned"
