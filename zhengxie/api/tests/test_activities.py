"""Activities over the API: invitations, the activity with its materials, leave, QR sign-in
and one's attendance, per role."""

import datetime as dt

import pytest

from zhengxie.activities import factories as activity_factories
from zhengxie.activities.models import Attendance, AttendanceStatus, LeaveRequest
from zhengxie.activities.services import outcomes
from zhengxie.activities.signin import make_token
from zhengxie.core import factories as core
from zhengxie.core.models import Notification, Role
from zhengxie.grassroots.factories import make_photo

# The token's lookup and its last-used stamp, the page.
LIST_QUERIES = 3


@pytest.fixture
def activity(city):
    return activity_factories.make_activity(committee=city, title="专题协商会：停车难")


@pytest.fixture
def member(activity):
    return activity_factories.make_invited_member(activity=activity)


def test_my_invitations_carry_my_own_replies(activity, member, city, api_as):
    # given the member asked for leave and another member was invited elsewhere
    LeaveRequest.objects.create(activity=activity, member=member, committee=city, reason="出差",
                                approver=activity.kind.leave_approver)  # fmt: skip
    other = activity_factories.make_activity(committee=city, title="别的活动")
    activity_factories.make_invited_member(activity=other)
    # when
    items = api_as(member.user).get("/activities/invitations").json()["items"]
    # then only the member's own invitation, with their leave beside it
    assert [(i["id"], i["leave_status"], i["attendance_status"]) for i in items] == [
        (activity.pk, "pending", None)
    ]
    assert items[0]["kind"] == activity.kind.name


@pytest.mark.parametrize("count", [2, 20])
def test_invitations_and_attendance_read_in_the_same_queries_at_any_size(
    city, api_as, django_assert_max_num_queries, count
):
    member = core.make_member(committee=city, with_account=True)
    for n in range(count):
        activity = activity_factories.make_activity(committee=city, title=f"活动{n}")
        activity_factories.invite(activity=activity, members=[member])
        Attendance.objects.create(activity=activity, committee=city, member=member,
                                  status=AttendanceStatus.PRESENT, method="staff")  # fmt: skip
    client = api_as(member.user)
    client.get("/me")  # the token's last-used stamp is fresh
    with django_assert_max_num_queries(LIST_QUERIES):
        invitations = client.get("/activities/invitations", limit=50).json()["items"]
    with django_assert_max_num_queries(LIST_QUERIES):
        attendance = client.get("/activities/attendance", limit=50).json()["items"]
    assert len(invitations) == len(attendance) == count
    assert {i["attendance_status"] for i in invitations} == {"present"}
    assert attendance[0]["activity"]["id"] == max(i["id"] for i in invitations)


def test_the_detail_shows_materials_and_my_part(staff, city, api_as):
    # given an outcome with a file recorded on a held activity
    activity = activity_factories.make_activity(committee=city, state="held", title="视察")
    member = activity_factories.make_invited_member(activity=activity)
    outcome = outcomes.record_outcome(
        actor=staff, committee=city, activity=activity, kind="recommendation", title="建议案",
        body="正文", submitted_to="party", submitted_on=dt.date(2022, 5, 1), authors=[member],
    )  # fmt: skip
    attachment = outcomes.attach_file(actor=staff, outcome=outcome, upload=make_photo())
    client = api_as(member.user)
    # when
    body = client.get(f"/activities/{activity.pk}").json()
    # then
    assert [m["title"] for m in body["materials"]] == ["建议案"]
    url = body["materials"][0]["files"][0]["url"]
    assert url == f"/api/v1/activities/materials/{attachment.pk}"
    mine = body["mine"]
    assert (mine["invited"], mine["leave"]) == (True, None)
    assert mine["attendance"]["status"] == "absent"  # settled when it was held
    download = client.get(url.removeprefix("/api/v1"))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    # and a resident may not fetch the file
    resident = api_as(core.make_user(role=Role.RESIDENT, committee=city))
    assert resident.get(url.removeprefix("/api/v1")).status_code == 403


def test_an_uninvited_member_may_not_read_the_activity(activity, member, city, api_as):
    stranger = core.make_member(committee=city, with_account=True)
    response = api_as(stranger.user).get(f"/activities/{activity.pk}")
    assert response.status_code == 403
    assert activity.title not in response.content.decode()


def test_a_member_asks_for_leave_and_the_approver_hears(activity, member, staff, api_as):
    # when
    response = api_as(member.user).post(f"/activities/{activity.pk}/leave", {"reason": "出差"})
    # then
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["reason"]) == ("pending", "出差")
    assert LeaveRequest.objects.get(member=member).reason == "出差"
    assert Notification.objects.filter(recipient=staff, title__contains="请假待审批").exists()


def test_leave_needs_a_reason_and_an_invitation(activity, member, city, api_as):
    empty = api_as(member.user).post(f"/activities/{activity.pk}/leave", {"reason": " "})
    assert empty.status_code == 400
    assert "reason" in empty.json()["error"]["fields"]
    stranger = core.make_member(committee=city, with_account=True)
    refused = api_as(stranger.user).post(f"/activities/{activity.pk}/leave", {"reason": "出差"})
    assert refused.status_code == 403
    assert not LeaveRequest.objects.exists()


def test_qr_sign_in_signs_in_once(activity, member, api_as):
    client = api_as(member.user)
    token = make_token(activity)
    first = client.post(f"/activities/{activity.pk}/sign-in", {"token": token})
    assert first.status_code == 200, first.content
    assert first.json()["newly"] and first.json()["attendance"]["status"] == "signed_in"
    again = client.post(f"/activities/{activity.pk}/sign-in", {"token": token})
    assert again.status_code == 200 and not again.json()["newly"]
    assert Attendance.objects.filter(member=member).count() == 1


def test_another_activitys_code_is_a_400_on_the_token(activity, member, city, api_as):
    other = activity_factories.make_activity(committee=city, title="别的活动")
    response = api_as(member.user).post(
        f"/activities/{activity.pk}/sign-in", {"token": make_token(other)}
    )
    assert response.status_code == 400
    assert "不符" in response.json()["error"]["fields"]["token"]
    assert not Attendance.objects.exists()


def test_an_uninvited_member_cannot_sign_in(activity, member, city, api_as):
    stranger = core.make_member(committee=city, with_account=True)
    response = api_as(stranger.user).post(
        f"/activities/{activity.pk}/sign-in", {"token": make_token(activity)}
    )
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_sign_in_is_closed_once_held(city, api_as):
    held = activity_factories.make_activity(committee=city, state="held", title="已召开")
    member = activity_factories.make_invited_member(activity=held)
    response = api_as(member.user).post(
        f"/activities/{held.pk}/sign-in", {"token": make_token(held)}
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()
