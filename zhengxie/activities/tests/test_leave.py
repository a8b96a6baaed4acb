import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities.factories import invite, make_activity, make_invited_member
from zhengxie.activities.models import AttendanceStatus, LeaveRequest, LeaveStatus
from zhengxie.activities.services.attendance import mark_held
from zhengxie.activities.services.invitations import (
    decide_leave,
    record_leave_slips,
    request_leave,
)
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


def test_office_enters_paper_slips_approved_and_dated_when_signed(city, staff):
    # given a plenary, whose leave the chair members approve, and two invited members, one
    # without an account
    plenary = make_activity(committee=city, code="plenary", state="notified")
    with_account = make_invited_member(activity=plenary)
    without = make_member(committee=city)
    invite(activity=plenary, members=[without])
    signed = timezone.now() - dt.timedelta(days=3)
    # when the office enters their slips, signed by the secretary-general three days ago
    leaves = record_leave_slips(
        actor=staff,
        activity=plenary,
        member_ids=[with_account.pk, without.pk],
        reason=" 因公出差 ",
        signed_by="王秘书长",
        at=signed,
    )
    # then both are approved as the slips say, dated when they were signed
    assert len(leaves) == 2
    for leave in LeaveRequest.objects.filter(activity=plenary):
        assert (leave.status, leave.approver, leave.signed_by, leave.reason) == (
            LeaveStatus.APPROVED, "chair", "王秘书长", "因公出差"
        )  # fmt: skip
        assert leave.decided_at == leave.created_at == signed
        assert leave.decided_by is None
        (row,) = leave.history.all()
        assert (row.history_date, row.history_user) == (signed, staff)
        assert "王秘书长" in row.history_change_reason
    assert Notification.objects.filter(
        recipient=with_account.user, title__contains="已批准"
    ).exists()
    # and once held, both count as excused
    mark_held(actor=staff, activity=plenary)
    statuses = set(plenary.attendances.values_list("status", flat=True))
    assert statuses == {AttendanceStatus.EXCUSED}


@pytest.mark.parametrize("who", ["county_staff", "chair", "member"])
def test_only_the_committees_own_office_enters_slips(city, county, chair, make_user, who):
    activity = make_activity(committee=city, code="plenary", state="notified")
    member = make_invited_member(activity=activity)
    actor = {
        "county_staff": make_user(Role.STAFF, county),
        "chair": chair,
        "member": member.user,
    }[who]

    with pytest.raises(PermissionDenied):
        record_leave_slips(
            actor=actor, activity=activity, member_ids=[member.pk], reason="有事", signed_by="王"
        )
    assert not LeaveRequest.objects.exists()


def test_one_bad_slip_refuses_the_whole_batch_naming_it(city, staff):
    activity = make_activity(committee=city, state="notified")
    asked = make_invited_member(activity=activity, name="李四")
    fresh = make_invited_member(activity=activity)
    outsider = make_member(committee=city)
    request_leave(user=asked.user, activity=activity, reason="有事")

    def enter(ids, **fields):
        fields = {"reason": "有事", "signed_by": "办公室", **fields}
        with pytest.raises(ValidationError) as error:
            record_leave_slips(actor=staff, activity=activity, member_ids=ids, **fields)
        return error.value.message_dict

    assert str(outsider.pk) in enter([fresh.pk, outsider.pk])["members"][0]
    assert "李四" in enter([fresh.pk, asked.pk])["members"][0]
    later = timezone.now() + dt.timedelta(hours=1)
    errors = enter([fresh.pk], reason=" ", signed_by="", at=later)
    assert set(errors) == {"reason", "signed_by", "at"}
    assert LeaveRequest.objects.filter(member=fresh).count() == 0


def test_no_slips_once_the_activity_is_held(city, staff):
    activity = make_activity(committee=city, state="notified")
    member = make_invited_member(activity=activity)
    mark_held(actor=staff, activity=activity)

    with pytest.raises(ValidationError, match="已召开"):
        record_leave_slips(
            actor=staff, activity=activity, member_ids=[member.pk], reason="有事", signed_by="王"
        )
    assert not LeaveRequest.objects.exists()


def test_staff_enter_slips_on_the_activity_page(client, city, staff):
    activity = make_activity(committee=city, state="notified")
    member = make_invited_member(activity=activity)
    client.force_login(staff)
    page = client.get(reverse("activities:detail", args=[activity.pk]))
    assert reverse("activities:leave_slips", args=[activity.pk]) in page.content.decode()

    client.post(
        reverse("activities:leave_slips", args=[activity.pk]),
        {"members": f"{member.pk}，", "reason": "因病", "signed_by": "办公室张三"},
    )

    leave = LeaveRequest.objects.get(activity=activity, member=member)
    assert (leave.status, leave.signed_by) == (LeaveStatus.APPROVED, "办公室张三")
    page = client.get(reverse("activities:detail", args=[activity.pk]))
    assert "办公室张三批准" in page.content.decode()
