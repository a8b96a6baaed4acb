import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhengxie.activities.factories import make_activity, make_invited_member
from zhengxie.activities.models import Attendance, AttendanceMethod, AttendanceStatus
from zhengxie.activities.services.attendance import sign_in_with_token
from zhengxie.activities.signin import SignInTokenError, make_token
from zhengxie.core.factories import make_member
from zhengxie.core.models import Role


@pytest.fixture
def activity(city):
    return make_activity(committee=city, state="notified")


def test_invited_member_signs_in_with_the_screen_token(activity):
    # given
    member = make_invited_member(activity=activity)
    # when
    row, created = sign_in_with_token(
        user=member.user, token=make_token(activity), activity=activity
    )
    # then
    assert created is True
    row.refresh_from_db()
    assert (row.member, row.status, row.method) == (
        member,
        AttendanceStatus.SIGNED_IN,
        AttendanceMethod.QR,
    )


def test_second_scan_does_not_add_a_second_row(activity):
    member = make_invited_member(activity=activity)
    token = make_token(activity)
    sign_in_with_token(user=member.user, token=token, activity=activity)

    _row, created = sign_in_with_token(user=member.user, token=token, activity=activity)

    assert created is False
    assert Attendance.objects.filter(activity=activity, member=member).count() == 1


def test_expired_token_is_refused_with_a_chinese_message(activity):
    member = make_invited_member(activity=activity)
    token = make_token(activity)
    # when the token is older than the committee's 30 minutes
    later = signing.time.time() + 31 * 60
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later)
        with pytest.raises(SignInTokenError, match="已过期"):
            sign_in_with_token(user=member.user, token=token, activity=activity)
    assert not Attendance.objects.filter(activity=activity).exists()


def test_forged_token_is_refused(activity):
    member = make_invited_member(activity=activity)
    forged = signing.TimestampSigner(salt="other").sign_object({"a": activity.pk})

    with pytest.raises(SignInTokenError, match="无效"):
        sign_in_with_token(user=member.user, token=forged, activity=activity)
    with pytest.raises(SignInTokenError, match="无效"):
        sign_in_with_token(user=member.user, token=make_token(activity) + "x", activity=activity)


def test_token_of_another_activity_does_not_sign_in_here(activity, city):
    member = make_invited_member(activity=activity)
    other = make_activity(committee=city, state="notified", title="另一活动")

    with pytest.raises(SignInTokenError, match="不符"):
        sign_in_with_token(user=member.user, token=make_token(other), activity=activity)


def test_member_not_invited_cannot_sign_in(activity):
    outsider = make_member(committee=activity.committee, with_account=True)

    with pytest.raises(PermissionDenied, match="邀请名单"):
        sign_in_with_token(user=outsider.user, token=make_token(activity), activity=activity)


def test_member_of_another_committee_cannot_sign_in(activity, county):
    stranger = make_member(committee=county, with_account=True)

    with pytest.raises(PermissionDenied):
        sign_in_with_token(user=stranger.user, token=make_token(activity), activity=activity)


def test_sign_in_closes_when_the_activity_is_held(activity):
    member = make_invited_member(activity=activity)
    activity.state = "held"
    activity.save()

    with pytest.raises(ValidationError):
        sign_in_with_token(user=member.user, token=make_token(activity), activity=activity)


def test_signin_page_shows_the_expiry_message(client, activity):
    member = make_invited_member(activity=activity)
    client.force_login(member.user)
    url = reverse("activities:signin", args=[activity.pk, "garbage:token"])

    response = client.post(url)

    assert response.status_code == 400
    assert "签到二维码无效" in response.content.decode()


def test_qr_link_signs_the_member_in_through_the_page(client, activity):
    member = make_invited_member(activity=activity)
    client.force_login(member.user)
    url = reverse("activities:signin", args=[activity.pk, make_token(activity)])

    assert client.get(url).status_code == 200
    response = client.post(url)

    assert "签到成功" in response.content.decode()
    assert Attendance.objects.get(activity=activity).member == member


def test_qr_image_is_served_to_staff_only(client, activity, staff, make_user):
    client.force_login(staff)
    response = client.get(reverse("activities:qr", args=[activity.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content

    client.force_login(make_user(Role.MEMBER, activity.committee))
    assert client.get(reverse("activities:qr", args=[activity.pk])).status_code == 403


def test_token_lifetime_follows_the_committee_setting(activity):
    from zhengxie.core.services.rules import set_rule

    member = make_invited_member(activity=activity)
    set_rule(
        actor=None, committee=activity.committee, key="activities.signin.token_minutes", value=60
    )
    token = make_token(activity)
    later = signing.time.time() + 45 * 60
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later)
        _row, created = sign_in_with_token(user=member.user, token=token, activity=activity)
    assert created is True


def test_sign_in_post_keeps_a_small_fixed_query_count(
    client, activity, django_assert_max_num_queries
):
    member = make_invited_member(activity=activity)
    client.force_login(member.user)
    url = reverse("activities:signin", args=[activity.pk, make_token(activity)])
    with django_assert_max_num_queries(12):
        response = client.post(url)
    assert "签到成功" in response.content.decode()


@pytest.mark.parametrize("kind", ["garbage", "other_activity", "expired"])
def test_signin_page_shows_nothing_of_the_activity_without_its_live_token(
    client, activity, make_user, monkeypatch, kind
):
    # given a signed-in person holding a forged, another activity's or a day-old token
    activity.title, activity.location = "闭门协商座谈会", "市政协三楼会议室"
    activity.save(update_fields=["title", "location"])
    other = make_activity(committee=activity.committee, state="notified")
    token = {"garbage": "anything", "other_activity": make_token(other)}.get(
        kind, make_token(activity)
    )
    if kind == "expired":
        tomorrow = signing.time.time() + 24 * 3600
        monkeypatch.setattr(signing.time, "time", lambda: tomorrow)
    client.force_login(make_user(Role.MEMBER, activity.committee))
    # when
    response = client.get(reverse("activities:signin", args=[activity.pk, token]))
    # then the page refuses and tells nothing about the activity
    page = response.content.decode()
    assert response.status_code == 400 and "签到二维码" in page
    assert activity.title not in page and activity.location not in page
    assert activity.starts_at.strftime("%Y-%m-%d") not in page
