"""Leaders' instructions over the API: the leader's pen and list, the department's list, one
instruction with its follow-ups (the department's feedback through the generic steps)."""

import pytest

from zhengxie.core.models import Role
from zhengxie.instructions.models import Instruction, InstructionFollowUp
from zhengxie.instructions.services import transcribe_instruction, write_instruction
from zhengxie.instructions.targets import target_named
from zhengxie.opinions.factories import make_office
from zhengxie.proposals.factories import unit_of

# The token's lookup and its last-used stamp, the person's roles, the page.
LIST_QUERIES = 6


@pytest.fixture
def office(city):
    """The opinions office that adopted the report, as in the instructions app's tests (the
    other fixtures come from there through this folder's conftest)."""
    return make_office(committee=city)


def _write(record, leader, **data):
    return write_instruction(target=target_named("opinion_report"), record=record, actor=leader,
                             text=data.pop("text", "请研究落实。"), **data)  # fmt: skip


def _path(record) -> str:
    return f"/instructions/on/opinion_report/{record.pk}"


def test_a_leader_writes_an_instruction_passed_to_a_department(adopted, leader, unit, api_as):
    # when the leader writes on the adopted report, naming the department
    response = api_as(leader).post(_path(adopted), {"text": "请抓紧落实。", "unit_id": unit.pk})
    # then it is written through the service, passed on, and in its history
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["unit_name"], body["level"]) == ("assigned", unit.name, "city")
    assert body["target_title"] == adopted.title and body["follow_ups"] == []
    instruction = Instruction.objects.get(pk=body["id"])
    assert instruction.leader == leader and instruction.history.exists()


def test_bad_input_names_the_field_and_writes_nothing(adopted, leader, county, make_user, api_as):
    client = api_as(leader)
    response = client.post(_path(adopted), {"text": " "})
    assert response.status_code == 400
    assert "text" in response.json()["error"]["fields"]
    # a department of another committee is not among the form's choices
    other_unit = unit_of(make_user(Role.UNIT, county))
    response = client.post(_path(adopted), {"text": "请落实。", "unit_id": other_unit.pk})
    assert response.status_code == 400
    assert "unit" in response.json()["error"]["fields"]
    assert not Instruction.objects.exists()


def test_who_is_no_leader_of_the_committee_may_not_write(
    adopted, author, unit_user, county, make_user, api_as
):
    for person in (author.user, unit_user, make_user(Role.LEADER, county)):
        assert api_as(person).post(_path(adopted), {"text": "请落实。"}).status_code == 403
    assert not Instruction.objects.exists()


def test_unknown_kinds_and_records_are_404(adopted, leader, api_as):
    client = api_as(leader)
    assert client.post(f"/instructions/on/no_kind/{adopted.pk}", {"text": "x"}).status_code == 404
    missing = f"/instructions/on/opinion_report/{adopted.pk + 999}"
    assert client.post(missing, {"text": "x"}).status_code == 404


def test_my_instructions_are_the_leaders_own(adopted, leader, city, make_user, unit_user, api_as):
    mine = [_write(adopted, leader, text=f"批示{i}") for i in range(2)]
    _write(adopted, make_user(Role.LEADER, city))
    items = api_as(leader).get("/instructions/mine").json()["items"]
    assert [i["id"] for i in items] == [i.pk for i in reversed(mine)]
    assert api_as(unit_user).get("/instructions/mine").status_code == 403


def test_the_department_lists_what_it_is_to_act_on(adopted, leader, unit, unit_user, api_as):
    passed = _write(adopted, leader, unit=unit)
    _write(adopted, leader)  # not passed on yet: the office's
    items = api_as(unit_user).get("/instructions/unit").json()["items"]
    assert [i["id"] for i in items] == [passed.pk]
    assert api_as(leader).get("/instructions/unit").status_code == 403


def test_the_departments_feedback_shows_on_the_instruction(
    adopted, author, leader, unit, unit_user, api_as
):
    instruction = _write(adopted, leader, unit=unit)
    # when the department reports back through the generic step
    client = api_as(unit_user)
    step = client.post(f"/instruction/{instruction.pk}/transitions/report",
                       {"data": {"text": "已召开专题会议研究。"}})  # fmt: skip
    assert step.status_code == 200, step.content
    # then the instruction reads reported with the follow-up, for the department and the leader
    for reader in (client, api_as(leader)):
        body = reader.get(f"/instructions/{instruction.pk}").json()
        assert body["state"] == "reported"
        assert [f["text"] for f in body["follow_ups"]] == ["已召开专题会议研究。"]
        assert body["follow_ups"][0]["accepted"] is None
    assert InstructionFollowUp.objects.filter(instruction=instruction).count() == 1
    # the report's author does not read the instruction's own page; a missing one is 404
    assert api_as(author.user).get(f"/instructions/{instruction.pk}").status_code == 403
    assert client.get(f"/instructions/{instruction.pk + 999}").status_code == 404


@pytest.mark.parametrize("count", [2, 25])
def test_the_lists_read_in_the_same_queries_at_any_size(
    adopted, leader, unit, unit_user, api_as, django_assert_max_num_queries, count
):
    for _ in range(count):
        _write(adopted, leader, unit=unit)
    for person, path in ((leader, "/instructions/mine"), (unit_user, "/instructions/unit")):
        client = api_as(person)
        client.get("/me")  # the token's last-used stamp is fresh
        with django_assert_max_num_queries(LIST_QUERIES):
            response = client.get(path, limit=50)
        assert len(response.json()["items"]) == count


def test_a_transcribed_paper_instruction_is_marked_for_the_department_and_the_office(
    adopted, office, leader, unit, unit_user, api_as
):
    # given the office's 登记批示 of a paper instruction, passed to the department
    instruction = transcribe_instruction(
        target=target_named("opinion_report"), record=adopted, actor=office,
        leader_name="张市长", leader_title="市长", level="city", text="请认真研究。",
        instructed_on=adopted.decided_at.date(), unit=unit,
    )  # fmt: skip
    # when the department lists it and the office reads it
    listed = api_as(unit_user).get("/instructions/unit").json()["items"]
    body = api_as(office).get(f"/instructions/{instruction.pk}").json()
    # then both read it as transcribed, under the leader's name as typed
    assert [(i["id"], i["is_transcribed"]) for i in listed] == [(instruction.pk, True)]
    assert (body["is_transcribed"], body["leader_name"], body["leader_title"]) == (
        True, "张市长", "市长",
    )  # fmt: skip
    # and a leader's own instruction is not
    own = _write(adopted, leader, unit=unit)
    assert api_as(office).get(f"/instructions/{own.pk}").json()["is_transcribed"] is False
