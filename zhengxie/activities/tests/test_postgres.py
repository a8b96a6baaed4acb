"""Concurrency on PostgreSQL with real threads: the sign-in rush and double decisions."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from zhengxie.activities.factories import make_activity, make_invited_member
from zhengxie.activities.models import Attendance, LeaveStatus
from zhengxie.activities.services.attendance import mark_held, sign_in_with_token
from zhengxie.activities.services.invitations import decide_leave, request_leave
from zhengxie.activities.signin import make_token
from zhengxie.core.factories import make_committee, make_user
from zhengxie.core.models import Role
from zhengxie.core.workflow import WorkflowError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_thread(call):
    def run(*args):
        try:
            return call(*args)
        except (ValidationError, WorkflowError) as error:
            return error
        finally:
            connection.close()

    return run


def test_forty_members_signing_in_at_once_all_land():
    city = make_committee(code="pg-city")
    activity = make_activity(committee=city, code="plenary", state="notified")
    members = [make_invited_member(activity=activity) for _ in range(40)]
    token = make_token(activity)

    def sign(member):
        return sign_in_with_token(user=member.user, token=token, activity=activity)[1]

    with ThreadPoolExecutor(max_workers=10) as pool:
        created = list(pool.map(_in_thread(sign), members))

    assert created == [True] * 40
    assert Attendance.objects.filter(activity=activity).count() == 40


def test_double_tap_from_one_member_leaves_one_row():
    city = make_committee(code="pg-city2")
    activity = make_activity(committee=city, state="notified")
    member = make_invited_member(activity=activity)
    token = make_token(activity)

    def sign(_):
        return sign_in_with_token(user=member.user, token=token, activity=activity)[1]

    with ThreadPoolExecutor(max_workers=8) as pool:
        created = list(pool.map(_in_thread(sign), range(8)))

    assert created.count(True) == 1
    assert Attendance.objects.filter(activity=activity, member=member).count() == 1


def test_two_approvers_deciding_at_once_decide_once():
    city = make_committee(code="pg-city3")
    staff_a, staff_b = (
        make_user(role=Role.STAFF, committee=city),
        make_user(role=Role.STAFF, committee=city),
    )
    activity = make_activity(committee=city, state="notified")
    member = make_invited_member(activity=activity)
    leave = request_leave(user=member.user, activity=activity, reason="出差")

    def decide(args):
        actor, approve = args
        return decide_leave(actor=actor, leave=leave, approve=approve)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_in_thread(decide), [(staff_a, True), (staff_b, False)]))

    assert sum(isinstance(r, WorkflowError) for r in results) == 1
    leave.refresh_from_db()
    assert leave.status in (LeaveStatus.APPROVED, LeaveStatus.DECLINED)


def test_holding_twice_at_once_settles_once():
    city = make_committee(code="pg-city4")
    staff = make_user(role=Role.STAFF, committee=city)
    activity = make_activity(committee=city, state="notified")
    for _ in range(5):
        make_invited_member(activity=activity)

    def hold(_):
        return mark_held(actor=staff, activity=activity)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_in_thread(hold), range(2)))

    assert sum(isinstance(r, WorkflowError) for r in results) == 1
    assert Attendance.objects.filter(activity=activity).count() == 5
