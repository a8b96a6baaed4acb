import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.activities.services.outcomes import record_outcome
from zhengxie.core.models import Role
from zhengxie.core.workflow import apply
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.instructions.models import Instruction, InstructionState
from zhengxie.instructions.services import write_instruction
from zhengxie.instructions.targets import target_named
from zhengxie.opinions.factories import make_adopted_report, make_bulletin
from zhengxie.proposals.factories import make_registered
from zhengxie.proposals.services.supervision import select_key_proposal

pytestmark = pytest.mark.django_db


def _write(record, actor, kind="opinion_report", **data):
    return write_instruction(target=target_named(kind), record=record, actor=actor,
                             text=data.pop("text", "请研究落实"), **data)  # fmt: skip


def test_leader_writes_from_the_report_page(client, adopted, leader, unit):
    client.force_login(leader)
    page = client.get(reverse("opinions:detail", args=[adopted.pk])).content.decode()
    write_url = reverse("instructions:write", args=["opinion_report", adopted.pk])
    assert write_url in page
    # when
    response = client.post(write_url, {"text": "请民政局牵头办理", "unit": unit.pk})
    # then
    assert response.status_code == 302
    assert response.url == reverse("opinions:detail", args=[adopted.pk])
    instruction = Instruction.objects.get()
    assert instruction.state == InstructionState.ASSIGNED
    page = client.get(response.url).content.decode()
    assert "请民政局牵头办理" in page


def test_write_form_names_the_missing_text(client, adopted, leader):
    client.force_login(leader)
    url = reverse("instructions:write", args=["opinion_report", adopted.pk])
    response = client.post(url, {"text": " "})
    assert response.status_code == 200
    assert "批示内容" in response.content.decode()
    assert not Instruction.objects.exists()


def test_member_finds_no_pen_on_their_report(client, adopted, author):
    client.force_login(author.user)
    page = client.get(reverse("opinions:detail", args=[adopted.pk])).content.decode()
    assert reverse("instructions:write", args=["opinion_report", adopted.pk]) not in page
    assert reverse("instructions:transcribe", args=["opinion_report", adopted.pk]) not in page


def test_unknown_kind_is_not_found(client, adopted, leader):
    client.force_login(leader)
    response = client.get(reverse("instructions:write", args=["nothing", adopted.pk]))
    assert response.status_code == 404


def test_department_reports_back_from_its_workspace(client, adopted, leader, unit, unit_user):
    instruction = _write(adopted, leader, unit=unit)
    client.force_login(unit_user)
    workspace = client.get(reverse("instructions:unit")).content.decode()
    detail_url = reverse("instructions:detail", args=[instruction.pk])
    assert detail_url in workspace
    act = reverse("core:workflow_act", args=["instruction", instruction.pk, "report"])
    assert act in client.get(detail_url).content.decode()
    # when
    response = client.post(act, {"text": "已完成整改", "seen_state": "assigned"})
    # then
    assert response.status_code == 302
    instruction.refresh_from_db()
    assert instruction.state == InstructionState.REPORTED
    assert instruction.follow_ups.get().text == "已完成整改"


def test_leader_lists_their_instructions(client, adopted, leader, city, make_user):
    _write(adopted, leader)
    other = make_user(Role.LEADER, city)
    _write(adopted, other, text="另一位领导的批示")
    client.force_login(leader)
    page = client.get(reverse("instructions:mine")).content.decode()
    assert page.count('data-testid="instruction-row"') == 1


def _instructions(n, *, author, office, leader, unit):
    for _ in range(n):
        report = make_adopted_report(author=author, office=office)
        _write(report, leader, unit=unit)


@pytest.mark.parametrize("route", ["instructions:queue", "instructions:mine", "instructions:unit"])
def test_lists_do_not_grow_queries_with_rows(
    client, django_assert_max_num_queries, author, office, leader, unit, unit_user, route
):
    reader = {"instructions:queue": office, "instructions:mine": leader}.get(route, unit_user)
    client.force_login(reader)
    for size in (2, 12):
        _instructions(size, author=author, office=office, leader=leader, unit=unit)
        with django_assert_max_num_queries(12):
            response = client.get(reverse(route))
        assert response.status_code == 200


def test_queue_filters_by_state(client, adopted, office, leader, unit, unit_user):
    done = _write(adopted, leader, unit=unit)
    done = apply(done, "report", unit_user, text="已办")
    apply(done, "accept", office)
    _write(adopted, leader, text="仍待落实")
    client.force_login(office)
    open_page = client.get(reverse("instructions:queue")).content.decode()
    closed_page = client.get(reverse("instructions:queue"), {"state": "closed"}).content.decode()
    assert open_page.count('data-testid="instruction-row"') == 1
    assert closed_page.count('data-testid="instruction-row"') == 1


def test_supervising_leader_instructs_on_a_key_proposal(client, city, office, leader, make_user):
    proposal = make_registered(committee=city, office=office)
    key = select_key_proposal(
        proposal=proposal, actor=office, supervisor_kind="chair", supervisor=leader
    )
    write_url = reverse("instructions:write", args=["key_proposal", key.pk])
    other = make_user(Role.LEADER, city)
    client.force_login(other)
    assert (
        write_url
        not in client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    )
    assert client.post(write_url, {"text": "越权"}).status_code == 403
    client.force_login(leader)
    assert write_url in client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    response = client.post(write_url, {"text": "请加快办理"})
    assert response.url == reverse("proposals:detail", args=[proposal.pk])
    assert Instruction.objects.get().target == key


def test_leader_instructs_on_an_outcome_and_authors_are_credited(
    client, city, office, author, leader
):
    outcome = record_outcome(
        actor=office, committee=city, activity=None, kind="recommendation",
        title="关于停车难的建议案", body="建议", submitted_to="市委",
        submitted_on=dt.date(2022, 5, 1), authors=[author],
    )  # fmt: skip
    client.force_login(leader)
    url = reverse("instructions:write", args=["outcome", outcome.pk])
    assert url in client.get(reverse("activities:outcome", args=[outcome.pk])).content.decode()
    client.post(url, {"text": "建议案很好，请市政府研究"})
    instruction = Instruction.objects.get()
    assert (
        DutyRecord.objects.get(member=author, kind=DutyKind.INSTRUCTION).source_id == instruction.pk
    )


def test_leader_instructs_on_a_bulletin_issue(client, adopted, office, leader):
    issue = make_bulletin(reports=[adopted], office=office)
    client.force_login(leader)
    url = reverse("instructions:write", args=["bulletin", issue.pk])
    assert url in client.get(reverse("opinions:bulletin", args=[issue.pk])).content.decode()
    client.post(url, {"text": "本期所反映问题请相关部门研究"})
    page = client.get(reverse("opinions:bulletin", args=[issue.pk])).content.decode()
    assert "本期所反映问题请相关部门研究" in page
