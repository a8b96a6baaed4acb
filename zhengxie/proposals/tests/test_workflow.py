"""The proposals app's tables on the engine: registered with an override each, every move a
service makes is a row of a table and leaves history, the office's override runs the entry
effects, and the record page's buttons are the engine's."""

import datetime as dt
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.workflow import workflow_named
from zhengxie.duty.models import DutyRecord
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import (
    Assignment,
    ConversionState,
    CoSignatureState,
    ProposalState,
    ProposerKind,
    ReplyState,
)
from zhengxie.search.selectors import search_object_ids

WORKFLOWS = {
    "proposal": ("state", ProposalState),
    "cosignature": ("state", CoSignatureState),
    "reply": ("state", ReplyState),
    "extension": ("extension_state", None),
    "reassignment": ("state", None),
}


def test_every_workflow_of_the_app_is_listed_with_an_override(capsys):
    call_command("workflows", "--json")
    listed = {w["name"]: w for w in json.loads(capsys.readouterr().out)}
    for name in WORKFLOWS:
        assert listed[name]["model"].startswith("proposals."), name
        assert listed[name]["transitions"][-1]["name"] == "override", name


def test_the_proposal_table_names_every_state_and_each_open_state_has_a_way_out():
    table = workflow_named("proposal")
    assert {s.code for s in table.states} == set(ProposalState.values)
    for state in table.states:
        assert state.terminal or table.transitions_from(state.code), state.code


def test_the_redo_round_return_is_a_row_of_the_table():
    rows = {(t.name, t.target) for t in workflow_named("proposal").transitions}
    assert ("return_reply_redo", ProposalState.REDO) in rows


@pytest.mark.django_db
def test_closing_cosigning_drops_each_pending_invitation_with_history(city):
    # given a joint proposal waiting for a co-signer
    member = core.make_member(committee=city, with_account=True)
    proposal = factories.make_submitted(committee=city, kind=ProposerKind.JOINT, cosigners=[member])
    # when its proposer closes co-signing early
    services.close_cosigning(proposal=proposal, actor=proposal.created_by)
    # then the invitation dropped through the engine, in its own history, by the proposer
    invitation = proposal.cosignatures.get()
    assert invitation.state == CoSignatureState.DROPPED
    latest = invitation.history.first()
    assert latest.history_user == proposal.created_by
    assert latest.history_change_reason == "联名结束时未确认"


@pytest.mark.django_db
def test_returning_a_redo_rounds_replies_goes_back_to_the_redo_and_returns_each_reply(city, staff):
    # given a proposal in its second round whose new reply waits for the office
    proposal = factories.make_replied(committee=city, office=staff)
    services.rate_reply(
        proposal=proposal, actor=proposal.created_by, rating="dissatisfied", comment="没解决"
    )
    unit_user = factories.make_unit_user(committee=city, unit=proposal.assignments.get().unit)
    reply = services.draft_reply(proposal=proposal, actor=unit_user, result_class="A", text="再办")
    services.send_reply(reply=reply, actor=unit_user)
    # when the office returns it
    services.return_reply(proposal=proposal, actor=staff, reason="请补充措施")
    # then the proposal is back in the redo and the reply with its unit, each with history
    proposal.refresh_from_db()
    reply.refresh_from_db()
    assert (proposal.state, reply.state) == (ProposalState.REDO, ReplyState.RETURNED)
    assert proposal.history.first().history_change_reason == "退回答复：请补充措施"
    assert reply.history.first().history_change_reason == "退回修改：请补充措施"
    assert reply.office_note == "请补充措施"


@pytest.mark.django_db
def test_a_redo_gives_each_unit_its_new_deadline_with_history(city, staff):
    proposal = factories.make_replied(committee=city, office=staff)
    services.rate_reply(
        proposal=proposal, actor=proposal.created_by, rating="dissatisfied", comment="没解决"
    )
    proposal.refresh_from_db()
    assignment = Assignment.objects.get(proposal=proposal)
    assert assignment.deadline == proposal.reply_deadline
    assert assignment.history.first().history_change_reason == "重新办理"
    # and the rating itself is in the proposal's history, by the proposer
    rated = proposal.history.filter(history_change_reason__startswith="评价办理结果").get()
    assert rated.history_user == proposal.created_by


@pytest.mark.django_db
def test_an_extension_request_and_its_decision_keep_history(city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    assignment = proposal.assignments.get()
    until = assignment.deadline + dt.timedelta(days=30)
    services.request_extension(assignment=assignment, actor=unit_user, until=until, reason="调研")
    services.decide_extension(assignment=assignment, actor=staff, grant=False)
    reasons = list(assignment.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["不同意延期", "申请延期：调研"]


@pytest.mark.django_db
def test_the_offices_override_into_registered_numbers_and_credits_the_proposal(city, staff):
    # given a proposal under review, without a number
    proposal = factories.make_submitted(committee=city)
    # when the office forces it to registered
    services.override_state(proposal=proposal, target="registered", actor=staff, reason="补录")
    # then it is whole: numbered, dated, its proposer credited, and history says why
    proposal.refresh_from_db()
    assert (proposal.state, proposal.number) == (ProposalState.REGISTERED, 1)
    assert proposal.registered_on is not None
    assert DutyRecord.objects.filter(source_id=proposal.pk, sign=1).count() == 1
    assert proposal.history.first().history_change_reason == "强制调整状态（已提交 → 已立案）：补录"


@pytest.mark.django_db
def test_the_offices_override_into_an_opinion_report_delivers_it_once(city, staff):
    proposal = factories.make_submitted(committee=city)
    services.override_state(proposal=proposal, target="to_opinion", actor=staff, reason="补录")
    proposal.refresh_from_db()
    assert proposal.conversion_state == ConversionState.DELIVERED and proposal.conversion_ref


@pytest.mark.django_db
def test_the_search_index_follows_an_override(city, staff):
    # given a draft, which search does not know
    draft = factories.make_draft(committee=city, title="关于湿地候鸟保护的建议")
    assert draft.pk not in search_object_ids(query="候鸟", kinds=["proposal"])
    # when the office forces it to submitted, then search finds it
    services.override_state(proposal=draft, target="submitted", actor=staff, reason="纸质提交")
    assert draft.pk in search_object_ids(query="候鸟", kinds=["proposal"])


def _buttons(client, user, proposal) -> dict[str, str]:
    """The record page's buttons: step (or page) name -> link."""
    client.force_login(user)
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    return {name: url for url, name in re.findall(r'href="([^"]+)" data-action="(\w+)"', page)}


@pytest.mark.django_db
def test_record_page_buttons_per_role_come_from_the_engine(client, city, staff, make_user):
    # given a submitted proposal
    proposal = factories.make_submitted(committee=city)
    act = lambda name: reverse("core:workflow_act", args=["proposal", proposal.pk, name])  # noqa: E731
    # then the office sees the review steps and the override on the engine's act page
    office = _buttons(client, staff, proposal)
    assert office["register"] == act("register") and office["decline"] == act("decline")
    assert office["override"] == act("override")
    # the proposer may withdraw; another member sees no button
    assert _buttons(client, proposal.created_by, proposal) == {"withdraw": act("withdraw")}
    assert _buttons(client, make_user(Role.MEMBER, city), proposal) == {}


@pytest.mark.django_db
def test_record_page_shows_the_persons_related_records_steps(client, city, staff):
    # given a joint proposal out for co-signing
    member = core.make_member(committee=city, with_account=True)
    proposal = factories.make_submitted(committee=city, kind=ProposerKind.JOINT, cosigners=[member])
    invitation = proposal.cosignatures.get()
    # then the invited member is offered the invitation's page
    assert _buttons(client, member.user, proposal)["confirm"] == reverse(
        "proposals:cosign", args=[invitation.pk]
    )
    # and given an assigned proposal, its unit may ask for more time on the act page
    assigned, unit_user = factories.make_assigned(committee=city, office=staff)
    assignment = assigned.assignments.get()
    assert _buttons(client, unit_user, assigned)["request"] == reverse(
        "core:workflow_act", args=["extension", assignment.pk, "request"]
    )


@pytest.mark.django_db
def test_a_unit_asks_for_more_time_on_the_act_page(client, city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    assignment = proposal.assignments.get()
    client.force_login(unit_user)
    url = reverse("core:workflow_act", args=["extension", assignment.pk, "request"])
    until = assignment.deadline + dt.timedelta(days=20)
    response = client.post(url, {"seen_state": "", "until": until.isoformat(), "reason": "调研"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.extension_state, assignment.extension_until) == ("requested", until)


@pytest.mark.django_db
def test_the_office_merges_on_the_act_page_naming_the_main_proposal_by_number(client, city, staff):
    main = factories.make_registered(committee=city, office=staff)
    main.refresh_from_db()
    other = factories.make_submitted(committee=city)
    client.force_login(staff)
    url = reverse("core:workflow_act", args=["proposal", other.pk, "merge"])
    data = {"seen_state": "submitted", "into_number": main.number, "reason": "内容相近"}
    assert client.post(url, data).status_code == 302
    other.refresh_from_db()
    assert (other.state, other.merged_into) == (ProposalState.MERGED, main)


@pytest.mark.django_db
def test_the_old_diagram_address_leads_to_the_guide_page(client, staff):
    client.force_login(staff)
    response = client.get(reverse("proposals:workflow"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:workflow_guide", args=["proposals"])
    page = response.content.decode()
    assert "不予立案" in page and "<svg" in page and "联名邀请" in page
