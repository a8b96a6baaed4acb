import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from zhengxie.core.models import ApiToken, OutboxMessage, Role
from zhengxie.core.services.signin import SIGN_IN_FAILURES_PER_ADDRESS

from .conftest import ApiClient

PASSWORD = "长城-Strong-Pass-2026"


@pytest.fixture
def person(city, make_user):
    user = make_user(Role.MEMBER, city, username="zhangsan", mobile="13912340001")
    user.set_password(PASSWORD)
    user.save()
    return user


def _sign_in(**body):
    return ApiClient().post("/auth/token", body)


def test_a_password_signs_in_by_username_and_the_token_opens_the_api(person):
    # when
    response = _sign_in(username="zhangsan", password=PASSWORD, device_name="张三的手机")
    # then
    assert response.status_code == 200
    token = response.json()["token"]
    assert response.json()["expires_at"]
    me = ApiClient({"Authorization": f"Bearer {token}"}).get("/me")
    assert me.status_code == 200
    assert me.json()["username"] == "zhangsan"
    stored = ApiToken.objects.get()
    assert stored.device_name == "张三的手机"
    assert token not in stored.digest and len(stored.digest) == 64


def test_the_mobile_number_signs_in_as_on_the_web(person):
    # when the number is typed with spaces, as the web form accepts it
    response = _sign_in(username="139 1234 0001", password=PASSWORD)
    # then
    assert response.status_code == 200


def test_a_wrong_password_is_refused_in_the_error_shape(person):
    # when
    response = _sign_in(username="zhangsan", password="wrong")
    # then
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["password"] == "手机号、用户名或密码不正确。"
    assert not ApiToken.objects.exists()


def test_a_request_naming_no_proof_says_what_to_send(person):
    response = _sign_in(device_name="手机")
    assert response.status_code == 400
    assert "密码" in response.json()["error"]["message"]


def test_the_axes_lockout_answers_429_in_json_not_its_html_page(person):
    # given five wrong passwords for the account from this address, the last one locking
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(username="zhangsan", password="wrong").status_code == 400
    assert _sign_in(username="zhangsan", password="wrong").status_code == 429
    # when the right one comes
    response = _sign_in(username="zhangsan", password=PASSWORD)
    # then it is refused as the web refuses it, in the API's shape
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) == int(settings.AXES_COOLOFF_TIME * 3600)
    assert not ApiToken.objects.exists()


def test_failures_from_one_address_across_accounts_meet_the_web_throttle(person):
    # given the address has used up its sign-in failures (on the web or here)
    for _ in range(SIGN_IN_FAILURES_PER_ADDRESS.limit):
        SIGN_IN_FAILURES_PER_ADDRESS.record("127.0.0.1")
    # when
    response = _sign_in(username="zhangsan", password=PASSWORD)
    # then
    assert response.status_code == 429
    assert response["Retry-After"] == str(SIGN_IN_FAILURES_PER_ADDRESS.window)


def test_an_sms_code_signs_in(person):
    # given a code asked for through the API
    sent = ApiClient().post("/auth/code", {"phone": "13912340001"})
    assert sent.status_code == 202
    code = re.search(r"\d{6}", OutboxMessage.objects.get(phone="13912340001").text)[0]
    # when
    response = _sign_in(phone="13912340001", code=code)
    # then
    assert response.status_code == 200
    assert ApiToken.objects.get().user == person


def test_a_wrong_sms_code_is_refused_on_the_code_field(person):
    ApiClient().post("/auth/code", {"phone": "13912340001"})
    response = _sign_in(phone="13912340001", code="000000")
    assert response.status_code == 400
    assert "code" in response.json()["error"]["fields"]


def test_an_account_that_must_change_its_password_gets_no_token(person):
    person.must_change_password = True
    person.save()
    response = _sign_in(username="zhangsan", password=PASSWORD)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_without_a_token_the_answer_is_401_with_a_bearer_challenge(db):
    response = ApiClient().get("/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("change", ["revoked", "expired", "closed", "unknown"])
def test_a_dead_token_answers_401(person, api_as, change):
    # given a token that worked
    client = api_as(person)
    assert client.get("/me").status_code == 200
    # when it dies
    if change == "revoked":
        ApiToken.objects.update(revoked_at=timezone.now())
    elif change == "expired":
        ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    elif change == "closed":
        person.is_active = False
        person.save()
    else:
        client.headers["Authorization"] = "Bearer zx_not-a-token"
    # then
    assert client.get("/me").status_code == 401


def test_refresh_swaps_the_token(person, api_as):
    # given
    client = api_as(person)
    # when
    response = client.post("/auth/token/refresh")
    # then the new token works and the old does not
    assert response.status_code == 200
    assert client.get("/me").status_code == 401
    fresh = ApiClient({"Authorization": f"Bearer {response.json()['token']}"})
    assert fresh.get("/me").status_code == 200
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 1


def test_signing_out_ends_this_device_only(person, api_as):
    phone, tablet = api_as(person), api_as(person)
    assert phone.delete("/auth/token").status_code == 204
    assert phone.get("/me").status_code == 401
    assert tablet.get("/me").status_code == 200


def test_signing_out_everywhere_ends_every_token_and_web_session(person, api_as):
    # given a web session and two devices
    web = Client()
    web.force_login(person)
    phone, tablet = api_as(person), api_as(person)
    # when
    assert phone.post("/auth/sign-out-everywhere").status_code == 204
    # then
    assert phone.get("/me").status_code == 401
    assert tablet.get("/me").status_code == 401
    assert web.get("/inbox/").status_code == 302


def test_devices_are_listed_and_one_is_revoked_over_the_api(person, api_as):
    # given two devices
    phone, tablet = api_as(person), api_as(person)
    # when the phone lists them and signs the tablet out
    listed = phone.get("/me/devices").json()["items"]
    tablet_id = next(d["id"] for d in listed if not d["current"])
    assert [d["current"] for d in listed].count(True) == 1
    assert phone.delete(f"/me/devices/{tablet_id}").status_code == 204
    # then
    assert tablet.get("/me").status_code == 401
    assert phone.get("/me").status_code == 200
    assert len(phone.get("/me/devices").json()["items"]) == 1


def test_another_persons_device_cannot_be_revoked(person, api_as, city, make_user):
    other = make_user(Role.MEMBER, city)
    other_client = api_as(other)
    their_id = ApiToken.objects.get(user=other).pk
    response = api_as(person).delete(f"/me/devices/{their_id}")
    assert response.status_code == 404
    assert other_client.get("/me").status_code == 200


def test_the_devices_page_lists_and_revokes(person, api_as):
    # given a device and the person on the web
    phone = api_as(person)
    web = Client()
    web.force_login(person)
    token = ApiToken.objects.get()
    # when
    page = web.get("/accounts/devices/")
    revoked = web.post(f"/accounts/devices/{token.pk}/revoke/")
    # then
    assert "测试手机" in page.content.decode()
    assert revoked.status_code == 302
    assert phone.get("/me").status_code == 401
