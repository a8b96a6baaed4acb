import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.core.models import Notification
from zhengxie.core.workdays import add_months
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import (
    Assignment,
    ExtensionState,
    ProposalState,
    ReplyState,
    RequestState,
)

pytestmark = pytest.mark.django_db


def test_assignment_sets_a_three_month_deadline_for_lead_and_co_units(city, staff):
    proposal = factories.make_registered(committee=city, office=staff)
    lead, co = (core.make_handling_unit(committee=city) for _ in range(2))
    services.assign_proposal(proposal=proposal, actor=staff, lead=lead, co_units=[co])
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ASSIGNED
    today = timezone.localdate()
    assert proposal.reply_deadline == add_months(today, 3)
    assert set(proposal.assignments.values_list("role", flat=True)) == {"lead", "co"}


def test_assignment_needs_a_lead_or_two_split_units(city, staff):
    proposal = factories.make_registered(committee=city, office=staff)
    with pytest.raises(services.WorkflowError):
        services.assign_proposal(
            proposal=proposal, actor=staff, split_units=[core.make_handling_unit(committee=city)]
        )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REGISTERED


def test_unit_asks_for_reassignment_and_office_moves_it(city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    assignment = proposal.assignments.get()
    request = services.request_reassignment(
        assignment=assignment, actor=unit_user, reason="非本单位职责"
    )
    new_unit = core.make_handling_unit(committee=city)
    services.decide_reassignment(request=request, actor=staff, grant=True, new_unit=new_unit)
    request.refresh_from_db()
    assert request.state == RequestState.GRANTED
    assert list(proposal.assignments.filter(is_active=True).values_list("unit", flat=True)) == [
        new_unit.pk
    ]


def test_reassignment_request_after_five_working_days_is_refused(city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    Assignment.objects.update(assigned_on=timezone.localdate() - dt.timedelta(days=14))
    with pytest.raises(services.WorkflowError) as error:
        services.request_reassignment(
            assignment=proposal.assignments.get(), actor=unit_user, reason="非本单位职责"
        )
    assert "5个工作日" in error.value.message


def test_a_unit_cannot_decide_its_own_reassignment(city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    request = services.request_reassignment(
        assignment=proposal.assignments.get(), actor=unit_user, reason="非本单位职责"
    )
    with pytest.raises(PermissionDenied):
        services.decide_reassignment(
            request=request,
            actor=unit_user,
            grant=True,
            new_unit=core.make_handling_unit(committee=city),
        )


def test_extension_beyond_six_months_is_refused_and_within_is_granted(city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    assignment = proposal.assignments.get()
    too_late = add_months(assignment.assigned_on, 6) + dt.timedelta(days=1)
    with pytest.raises(services.WorkflowError):
        services.request_extension(
            assignment=assignment, actor=unit_user, until=too_late, reason="难度大"
        )
    until = add_months(assignment.assigned_on, 5)
    services.request_extension(assignment=assignment, actor=unit_user, until=until, reason="难度大")
    services.decide_extension(assignment=assignment, actor=staff, grant=True)
    assignment.refresh_from_db()
    proposal.refresh_from_db()
    assert assignment.extension_state == ExtensionState.GRANTED
    assert assignment.deadline == until == proposal.reply_deadline


def test_contact_is_recorded_only_by_a_handling_unit(city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    record = services.record_contact(
        proposal=proposal,
        actor=unit_user,
        contacted_on=timezone.localdate(),
        form="visit",
        people="局长、提案者",
    )
    assert record.unit == factories.unit_of(unit_user)
    with pytest.raises(PermissionDenied):
        services.record_contact(
            proposal=proposal,
            actor=staff,
            contacted_on=timezone.localdate(),
            form="visit",
            people="x",
        )


def test_reply_goes_through_co_unit_and_office_who_may_change_the_class(city, staff):
    # given a proposal with a lead and a co-unit
    proposal, lead_user, co_user = factories.make_co_assigned(committee=city, office=staff)
    # when the lead drafts and sends, the co-unit agrees, the office changes A to B
    reply = services.draft_reply(
        proposal=proposal, actor=lead_user, result_class="a", text="已办理"
    )
    assert reply.result_class == "A"
    with pytest.raises(PermissionDenied):
        services.draft_reply(proposal=proposal, actor=co_user, result_class="A", text="x")
    reply = services.send_reply(reply=reply, actor=lead_user)
    assert reply.state == ReplyState.CO_REVIEW
    services.add_co_opinion(reply=reply, actor=co_user, text="同意")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REPLY_REVIEW
    reply.refresh_from_db()
    services.approve_reply(reply=reply, actor=staff, result_class="B", publish_mode="summary")
    # then the proposal is replied with the office's class and the feedback window is open
    reply.refresh_from_db()
    proposal.refresh_from_db()
    assert (reply.result_class, reply.unit_result_class, reply.state) == ("B", "A", "sent")
    assert proposal.state == ProposalState.REPLIED and proposal.feedback_deadline


def test_reply_class_outside_the_dictionary_is_refused(city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    with pytest.raises(services.WorkflowError) as error:
        services.draft_reply(proposal=proposal, actor=unit_user, result_class="E", text="已办理")
    assert "答复类别" in error.value.message


def test_dissatisfied_opens_a_redo_and_satisfied_after_it_closes(city, staff):
    proposal = factories.make_replied(committee=city, office=staff)
    author = proposal.created_by
    with pytest.raises(services.WorkflowError):
        services.rate_reply(proposal=proposal, actor=author, rating="dissatisfied", comment="")
    services.rate_reply(proposal=proposal, actor=author, rating="dissatisfied", comment="没解决")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.redo_round) == (ProposalState.REDO, 2)
    # when the unit replies again and the office approves, then the proposer is satisfied
    unit_user = factories.make_unit_user(committee=city, unit=proposal.assignments.get().unit)
    reply = services.draft_reply(
        proposal=proposal, actor=unit_user, result_class="A", text="再次办理"
    )
    services.send_reply(reply=reply, actor=unit_user)
    reply.refresh_from_db()
    services.approve_reply(reply=reply, actor=staff)
    services.rate_reply(proposal=proposal, actor=author, rating="satisfied")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.CLOSED


def test_only_proposers_rate_and_the_window_closes_unrated_proposals(city, staff):
    proposal = factories.make_replied(committee=city, office=staff)
    with pytest.raises(PermissionDenied):
        services.rate_reply(proposal=proposal, actor=staff, rating="satisfied")
    closed = services.close_expired_feedback(
        today=proposal.feedback_deadline + dt.timedelta(days=1)
    )
    proposal.refresh_from_db()
    assert closed == 1 and proposal.state == ProposalState.CLOSED


def test_reminders_go_once_per_threshold(city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    deadline = proposal.reply_deadline
    assert services.send_deadline_reminders(today=deadline - dt.timedelta(days=30)) == 1
    assert services.send_deadline_reminders(today=deadline - dt.timedelta(days=29)) == 0
    assert services.send_deadline_reminders(today=deadline - dt.timedelta(days=1)) == 1
    assert Notification.objects.filter(recipient=unit_user, title__contains="到期").count() == 2


def test_key_proposal_with_supervisor_and_log(city, staff, make_user):
    proposal = factories.make_registered(committee=city, office=staff)
    leader = make_user("leader", city)
    key = services.select_key_proposal(
        proposal=proposal, actor=staff, supervisor=leader, supervisor_kind="party_gov"
    )
    log = services.log_supervision(
        key=key, actor=leader, happened_on=timezone.localdate(), form="inspection", notes="实地察看"
    )
    assert log.key_proposal == key and key.supervisor_name == str(leader)
    with pytest.raises(services.WorkflowError):
        services.select_key_proposal(
            proposal=factories.make_submitted(committee=city),
            actor=staff,
            supervisor_name="某副市长",
            supervisor_kind="party_gov",
        )


def test_assignment_rows_keep_who_assigned_them_in_history(city, staff):
    proposal = factories.make_registered(committee=city, office=staff)
    lead, co = (core.make_handling_unit(committee=city) for _ in range(2))

    services.assign_proposal(proposal=proposal, actor=staff, lead=lead, co_units=[co])

    records = Assignment.history.filter(proposal_id=proposal.pk)
    assert {(r.history_type, r.history_user, r.history_change_reason) for r in records} == {
        ("+", staff, "交办")
    }
    assert records.count() == 2


def test_a_redo_moves_each_assignment_deadline_with_the_reason_in_history(city, staff):
    # given a replied proposal
    proposal = factories.make_replied(committee=city, office=staff)
    author = proposal.created_by
    # when its proposer is not satisfied
    services.rate_reply(proposal=proposal, actor=author, rating="dissatisfied", comment="没解决")
    # then the assignment's new deadline is in its history, with who and why
    assignment = proposal.assignments.get()
    latest = assignment.history.order_by("-history_id").first()
    assert (latest.deadline, latest.reminders_sent) == (assignment.deadline, [])
    assert (latest.history_user, latest.history_change_reason) == (author, "重新办理")
