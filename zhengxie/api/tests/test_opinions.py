"""Opinion reports over the API: my reports, a new one, rework when returned, its status."""

import datetime as dt

import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.instructions.services import transcribe_instruction
from zhengxie.instructions.targets import target_named
from zhengxie.opinions import factories as opinion_factories
from zhengxie.opinions import services as opinions
from zhengxie.opinions.models import OpinionReport

# The token's lookup and its last-used stamp, the person's seat, the page, its authors.
MINE_QUERIES = 6


@pytest.fixture
def author(city):
    return core.make_member(committee=city, with_account=True)


def _put(client, path: str, data: dict):
    return client._send("put", path, data)


def test_a_member_submits_a_report_naming_a_co_author(author, city, api_as):
    # given a colleague on the same committee
    colleague = core.make_member(committee=city)
    # when the member submits a report with them
    response = api_as(author.user).post(
        "/opinions",
        {"title": "菜市场改造", "body": "建议分批改造。", "member_ids": [colleague.pk],
         "submit": True},
    )  # fmt: skip
    # then it is submitted with both as authors, through the workflow
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["state_label"]) == ("submitted", "已报送")
    assert sorted(body["member_ids"]) == sorted([author.pk, colleague.pk])
    report = OpinionReport.objects.get(pk=body["id"])
    assert report.submitted_at is not None
    assert report.history.count() >= 2


def test_a_draft_stays_with_its_author(author, api_as):
    response = api_as(author.user).post("/opinions", {"title": "草稿", "body": "正文"})
    assert response.status_code == 201
    assert response.json()["state"] == "draft" and response.json()["editable"]


def test_bad_input_names_the_field_and_writes_nothing(author, api_as):
    response = api_as(author.user).post("/opinions", {"title": " ", "body": "正文"})
    assert response.status_code == 400
    assert "title" in response.json()["error"]["fields"]
    assert not OpinionReport.objects.exists()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.UNIT])
def test_who_has_no_seat_or_office_may_not_report(city, make_user, api_as, role):
    response = api_as(make_user(role, city)).post("/opinions", {"title": "t", "body": "b"})
    assert response.status_code == 403
    assert not OpinionReport.objects.exists()


def test_the_office_files_for_a_body_in_its_own_committee(staff, city, api_as):
    response = api_as(staff).post(
        "/opinions",
        {"title": "民主党派来稿", "body": "正文", "body_kind": "party", "body_name": "民盟市委"},
    )
    assert response.status_code == 201
    assert OpinionReport.objects.get(pk=response.json()["id"]).committee == city


def test_an_office_of_two_committees_must_say_which(staff, county, api_as):
    core.make_user(role=Role.STAFF, committee=county)
    from zhengxie.core.models import RoleGrant

    RoleGrant.objects.create(user=staff, committee=county, role=Role.STAFF)
    response = api_as(staff).post(
        "/opinions", {"title": "t", "body": "b", "body_kind": "party", "body_name": "民盟"}
    )
    assert response.status_code == 400
    assert "committee_id" in response.json()["error"]["fields"]
    named = api_as(staff).post(
        "/opinions",
        {"title": "t", "body": "b", "body_kind": "party", "body_name": "民盟",
         "committee_id": county.pk},
    )  # fmt: skip
    assert named.status_code == 201
    assert OpinionReport.objects.get().committee == county


def test_a_returned_report_is_reworked_and_submitted_again(author, staff, api_as):
    # given the office returned the report with a comment
    report = opinion_factories.make_report(author=author)
    opinions.apply_action(report=report, actor=staff, action="return", comment="请补充数据")
    client = api_as(author.user)
    seen = client.get(f"/opinions/{report.pk}").json()
    assert seen["state"] == "returned" and seen["editable"]
    assert "请补充数据" in seen["editor_comments"]
    # when the author reworks and resubmits it
    response = _put(client, f"/opinions/{report.pk}",
                    {"title": report.title, "body": "补充了数据。", "submit": True})  # fmt: skip
    # then
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "submitted"
    report.refresh_from_db()
    assert (report.body, report.state) == ("补充了数据。", "submitted")


def test_a_submitted_report_is_not_the_authors_to_edit(author, api_as):
    report = opinion_factories.make_report(author=author)
    response = _put(api_as(author.user), f"/opinions/{report.pk}", {"title": "改", "body": "改"})
    assert response.status_code == 403
    assert OpinionReport.objects.get(pk=report.pk).title == report.title


def test_status_shows_adoption_escalations_and_instructions(author, staff, api_as):
    # given an adopted report sent up and instructed on
    report = opinion_factories.make_adopted_report(author=author, office=staff, mode="combined")
    today = dt.date.today()
    opinions.escalate_report(report=report, actor=staff, level="provincial", sent_on=today)
    instruction = transcribe_instruction(
        target=target_named("opinion_report"), record=report, actor=staff, leader_name="市长",
        level="city", text="请研究落实", instructed_on=today,
    )  # fmt: skip
    # when the author reads it
    body = api_as(author.user).get(f"/opinions/{report.pk}").json()
    # then the paper instruction the office typed in is marked as such
    assert (body["state"], body["adoption_mode"]) == ("adopted", "combined")
    assert not body["editable"]
    assert [e["level"] for e in body["escalations"]] == ["provincial"]
    assert body["instructions"][0] == {
        "id": instruction.pk, "leader_name": "市长", "leader_title": "", "level": "city",
        "level_label": "市领导", "text": "请研究落实", "instructed_on": today.isoformat(),
        "is_transcribed": True, "state": "written", "follow_up": "",
    }  # fmt: skip


def test_anothers_draft_is_not_found_and_a_strangers_report_refused(author, city, api_as):
    draft = opinion_factories.make_report(author=author, submit=False)
    submitted = opinion_factories.make_report(author=author)
    stranger = api_as(core.make_member(committee=city, with_account=True).user)
    assert stranger.get(f"/opinions/{draft.pk}").status_code == 404
    assert stranger.get(f"/opinions/{submitted.pk}").status_code == 403


def test_my_reports_lists_mine_only_newest_first(author, city, api_as):
    mine = [opinion_factories.make_report(author=author) for _ in range(3)]
    opinion_factories.make_report(author=core.make_member(committee=city, with_account=True))
    items = api_as(author.user).get("/opinions/mine").json()["items"]
    assert [i["id"] for i in items] == [r.pk for r in reversed(mine)]
    assert items[0]["authors"] == [author.name]


@pytest.mark.parametrize("count", [3, 25])
def test_my_reports_read_in_the_same_queries_at_any_size(
    author, api_as, django_assert_max_num_queries, count
):
    for _ in range(count):
        opinion_factories.make_report(author=author)
    client = api_as(author.user)
    client.get("/me")  # the token's last-used stamp is fresh
    with django_assert_max_num_queries(MINE_QUERIES):
        response = client.get("/opinions/mine", limit=50)
    assert len(response.json()["items"]) == count
