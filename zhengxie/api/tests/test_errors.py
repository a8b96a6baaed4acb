"""Every failure in one shape, in the reader's language."""

from zhengxie.api import main
from zhengxie.core.models import Role
from zhengxie.core.throttle import Throttle

from .conftest import ApiClient


def _error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_a_schema_error_is_a_400_naming_the_field_in_chinese(db):
    # when the password is not a string and the device name too long
    response = ApiClient().post(
        "/auth/token", {"username": "a", "password": 1, "device_name": "长" * 61}
    )
    # then
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "invalid"
    assert error["message"] == "请检查填写的内容。"
    assert error["fields"]["device_name"] == "最多 60 个字。"
    assert "password" in error["fields"]


def test_english_is_answered_to_accept_language_en(db, english_catalog):
    response = ApiClient().post(
        "/auth/token", {"device_name": "x" * 61}, headers={"Accept-Language": "en"}
    )
    error = _error(response)
    assert error["message"] == "Please check what you entered."
    assert error["fields"]["device_name"] == "At most 60 characters."


def test_a_body_that_is_not_json_is_a_400(db):
    response = ApiClient().client.post(
        "/api/v1/auth/token", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert _error(response)["code"] == "invalid"


def test_an_unknown_path_under_the_api_is_a_json_404(db, city, make_user, api_as):
    response = api_as(make_user(Role.MEMBER, city)).get("/no/such/thing")
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_an_unknown_path_outside_the_versions_is_a_json_404(db):
    response = ApiClient().client.get("/api/v2/me")
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_a_nul_byte_in_the_query_is_a_json_400_naming_the_parameter(db, city, make_user, api_as):
    # (PostgreSQL refuses NUL in a string literal; the site's pages answer an HTML 400)
    response = api_as(make_user(Role.MEMBER, city)).get("/search?q=%E5%BB%BA%E8%AE%AE&kind=L%00Q")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = _error(response)
    assert error["code"] == "invalid"
    assert error["fields"] == {"kind": "请求参数中含有无效字符。"}


def test_a_token_over_its_limit_gets_429_with_retry_after(db, city, make_user, api_as, monkeypatch):
    # given a limit of three requests a minute per token
    per_token = main.throttles[1]
    monkeypatch.setattr(per_token, "throttle", Throttle("api-token-test", 3, 60))
    client = api_as(make_user(Role.MEMBER, city))
    # when
    answers = [client.get("/me").status_code for _ in range(4)]
    # then
    assert answers == [200, 200, 200, 429]
    response = client.get("/me")
    assert _error(response)["code"] == "throttled"
    assert response["Retry-After"] == "60"


def test_an_address_over_its_limit_gets_429_before_any_sign_in(db, monkeypatch):
    per_address = main.throttles[0]
    monkeypatch.setattr(per_address, "throttle", Throttle("api-address-test", 2, 60))
    answers = [ApiClient().post("/auth/token", {}).status_code for _ in range(3)]
    assert answers == [400, 400, 429]
