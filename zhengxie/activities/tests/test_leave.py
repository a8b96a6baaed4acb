import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhengxie.activities.factories import make_activity, make_invited_member
from zhengxie.activities.models import LeaveStatus
from zhengxie.activities.services.invitations import decide_leave, request_leave
from zhengxie.core.factories import make_member
from zhengxie.core.models import LeaderKind, Notification, Role
from zhengxie.core.workflow import WorkflowError


@pytest.fixture
def chair(city, make_user):
    return make_user(Role.LEADER, city, leader_kind=LeaderKind.CHAIR_MEMBER)


def test_plenary_leave_goes_to_the_chair_members(city, staff, chair):
    # given a plenary, whose kind routes leave to the chair members
    plenary = make_activity(committee=city, code="plenary", state="notified")
    member = make_invited_member(activity=plenary)
    # when
    leave = request_leave(user=member.user, activity=plenary, reason="在外地出差")
    # then
    leave.refresh_from_db()
    assert (leave.approver, leave.status) == ("chair", LeaveStatus.PENDING)
    assert Notification.objects.filter(recipient=chair).count() == 1
    assert not Notification.objects.filter(recipient=staff).exists()


def test_staff_cannot_approve_a_plenary_leave_but_the_chair_can(city, staff, chair):
    plenary = make_activity(committee=city, code="plenary", state="notified")
    member = make_invited_member(activity=plenary)
    leave = request_leave(user=member.user, activity=plenary, reason="住院治疗")

    with pytest.raises(PermissionDenied, match="主席会议成员"):
        decide_leave(actor=staff, leave=leave, approve=True)
    decide_leave(actor=chair, leave=leave, approve=True, note="同意")

    leave.refresh_from_db()
    assert (leave.status, leave.decided_by) == (LeaveStatus.APPROVED, chair)
    assert Notification.objects.filter(recipient=member.user, title__contains="已批准").exists()


def test_thematic_consultation_leave_goes_to_the_office(city, staff, chair):
    activity = make_activity(committee=city, code="thematic", state="notified")
    member = make_invited_member(activity=activity)
    leave = request_leave(user=member.user, activity=activity, reason="工作冲突")

    assert Notification.objects.filter(recipient=staff).count() == 1
    with pytest.raises(PermissionDenied, match="机关工作人员"):
        decide_leave(actor=chair, leave=leave, approve=True)
    decide_leave(actor=staff, leave=leave, approve=False, note="会议重要")

    leave.refresh_from_db()
    assert leave.status == LeaveStatus.DECLINED


def test_leave_needs_a_reason(city):
    activity = make_activity(committee=city, state="notified")
    member = make_invited_member(activity=activity)

    with pytest.raises(ValidationError) as error:
        request_leave(user=member.user, activity=activity, reason="  ")
    assert "reason" in error.value.message_dict


def test_member_not_invited_cannot_ask_for_leave(city):
    activity = make_activity(committee=city, state="notified")
    outsider = make_member(committee=city, with_account=True)

    with pytest.raises(PermissionDenied):
        request_leave(user=outsider.user, activity=activity, reason="有事")


def test_a_decided_leave_cannot_be_decided_again(city, staff):
    activity = make_activity(committee=city, state="notified")
    member = make_invited_member(activity=activity)
    leave = request_leave(user=member.user, activity=activity, reason="有事")
    decide_leave(actor=staff, leave=leave, approve=True)

    with pytest.raises(WorkflowError):
        decide_leave(actor=staff, leave=leave, approve=False)


def test_declined_member_may_ask_again(city, staff):
    activity = make_activity(committee=city, state="notified")
    member = make_invited_member(activity=activity)
    leave = request_leave(user=member.user, activity=activity, reason="有事")
    decide_leave(actor=staff, leave=leave, approve=False)

    again = request_leave(user=member.user, activity=activity, reason="家中急事，附证明")

    again.refresh_from_db()
    assert (again.pk, again.status) == (leave.pk, LeaveStatus.PENDING)
