"""The generic workflow endpoints, on the opinion report's workflow, per role."""

import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.opinions import factories as opinion_factories
from zhengxie.opinions.models import OpinionReport


@pytest.fixture
def author(city):
    return core.make_member(committee=city, with_account=True)


@pytest.fixture
def report(author):
    return opinion_factories.make_report(author=author)


def _url(report, name: str = "") -> str:
    path = f"/opinion_report/{report.pk}/transitions"
    return f"{path}/{name}" if name else path


def test_the_office_is_offered_its_steps_with_their_fields(report, staff, api_as):
    # when
    response = api_as(staff).get(_url(report))
    # then
    assert response.status_code == 200
    body = response.json()
    assert (body["kind"], body["state"], body["state_label"]) == (
        "opinion_report", "submitted", "已报送"
    )  # fmt: skip
    steps = {step["name"]: step for step in body["transitions"]}
    assert set(steps) == {"accept", "return", "adopt", "forward", "decline"}
    adopt = steps["adopt"]
    assert adopt["reason"] == "optional" and adopt["target"] == "adopted"
    mode = next(f for f in adopt["fields"] if f["name"] == "mode")
    assert mode["kind"] == "choice" and mode["required"]
    assert {c["value"] for c in mode["choices"]} == {"single", "combined"}


def test_the_author_is_offered_only_the_withdrawal(report, author, api_as):
    response = api_as(author.user).get(_url(report))
    assert [step["name"] for step in response.json()["transitions"]] == ["withdraw"]


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MEMBER])
def test_someone_who_never_acts_on_the_record_is_refused(report, city, make_user, api_as, role):
    response = api_as(make_user(role, city)).get(_url(report))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert "submitted" not in response.content.decode()


def test_the_county_office_is_refused_the_citys_record(report, county, make_user, api_as):
    assert api_as(make_user(Role.STAFF, county)).get(_url(report)).status_code == 403


def test_unknown_kinds_records_and_steps_are_404(report, staff, api_as):
    client = api_as(staff)
    assert client.get(f"/no_such_kind/{report.pk}/transitions").status_code == 404
    assert client.get(f"/opinion_report/{report.pk + 999}/transitions").status_code == 404
    assert client.post(_url(report, "no_such_step"), {}).status_code == 404


def test_a_step_is_taken_through_the_engine_with_its_history(report, staff, api_as):
    # when the office adopts the report
    response = api_as(staff).post(
        _url(report, "adopt"), {"data": {"mode": "single"}, "expected_state": "submitted"}
    )
    # then
    assert response.status_code == 200
    assert response.json()["state"] == "adopted"
    report.refresh_from_db()
    assert report.state == "adopted"
    assert report.history.latest().history_change_reason.startswith("采用")


def test_a_required_reason_missing_is_a_400_on_reason(report, staff, api_as):
    response = api_as(staff).post(_url(report, "return"), {})
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]
    assert OpinionReport.objects.get(pk=report.pk).state == "submitted"


def test_a_bad_field_is_a_400_naming_it(report, staff, api_as):
    response = api_as(staff).post(_url(report, "adopt"), {"data": {"mode": "nonsense"}})
    assert response.status_code == 400
    assert "mode" in response.json()["error"]["fields"]
    assert OpinionReport.objects.get(pk=report.pk).state == "submitted"


def test_a_step_no_longer_allowed_is_a_409(report, staff, api_as):
    # given the report was returned already
    client = api_as(staff)
    assert client.post(_url(report, "return"), {"reason": "请补充数据"}).status_code == 200
    # when the office tries again
    response = client.post(_url(report, "return"), {"reason": "再次退回"})
    # then
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_allowed"


def test_expected_state_guards_against_a_double_take(report, staff, api_as):
    client = api_as(staff)
    assert client.post(_url(report, "accept"), {"expected_state": "submitted"}).status_code == 200
    response = client.post(_url(report, "adopt"), {"expected_state": "submitted",
                                                   "data": {"mode": "single"}})  # fmt: skip
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stale"
    assert OpinionReport.objects.get(pk=report.pk).state == "editing"


def test_a_member_cannot_take_the_offices_step(report, author, api_as):
    response = api_as(author.user).post(_url(report, "accept"), {})
    assert response.status_code == 403
    assert OpinionReport.objects.get(pk=report.pk).state == "submitted"
