"""Acts the office enters later from paper (a reply, a rating, a registration) take `at`: the
fields they stamp and their history rows carry the day the act was done, and the deadlines they
set count from it. An `at` ahead of now is refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhengxie.core.rules import rule
from zhengxie.core.workdays import add_months, add_working_days
from zhengxie.proposals import factories, rules, services
from zhengxie.proposals.models import Feedback, ProposalState
from zhengxie.proposals.tests.dating import DAY, ago, dated


def _replied(city, staff, *, at: dt.datetime):
    """A proposal whose one unit's reply the office entered as sent at `at`."""
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    reply = services.draft_reply(
        proposal=proposal, actor=unit_user, result_class="A", text="已办理", at=at
    )
    services.send_reply(reply=reply, actor=unit_user, at=at)
    reply.refresh_from_db()
    services.approve_reply(reply=reply, actor=staff, at=at)
    proposal.refresh_from_db()
    return proposal


def test_a_reply_entered_later_is_dated_when_each_step_was_taken(city, staff):
    # given a proposal with a co-unit, and the dates on the paper reply
    proposal, lead_user, co_user = factories.make_co_assigned(committee=city, office=staff)
    drafted, sent, agreed, approved = ago(40), ago(38), ago(36), ago(35)
    # when the office enters the reply's steps with those dates
    reply = services.draft_reply(
        proposal=proposal, actor=lead_user, result_class="A", text="已办理", at=drafted
    )
    reply = services.send_reply(reply=reply, actor=lead_user, at=sent)
    opinion = services.add_co_opinion(reply=reply, actor=co_user, text="同意", at=agreed)
    reply.refresh_from_db()
    returned = services.approve_reply(reply=reply, actor=staff, at=approved)
    # then the reply's stamps and history rows carry them
    answered_on = timezone.localdate(approved)
    deadline = add_working_days(
        answered_on, rule(city.pk, rules.FEEDBACK_WORKING_DAYS), committee_id=city.pk
    )
    assert (returned.submitted_at, returned.sent_at, returned.published_at) == (
        sent,
        approved,
        approved,
    )
    reply.refresh_from_db()
    opinion.refresh_from_db()
    assert (reply.submitted_at, reply.sent_at, reply.published_at) == (sent, approved, approved)
    assert opinion.submitted_at == agreed
    assert [row.history_date for row in reply.history.order_by("history_id")] == [
        drafted,
        sent,
        agreed,
        approved,
    ]
    assert [row.history_date for row in opinion.history.all()] == [agreed]
    # and so do the proposal's: answered that day, the proposers' window counted from it
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REPLIED
    assert (proposal.replied_on, proposal.feedback_deadline) == (answered_on, deadline)
    assert dated(proposal, "报送答复") == [agreed]
    assert dated(proposal, "审核并答复") == [approved]


def test_a_paper_rating_entered_after_the_window_counts_on_the_day_it_was_made(city, staff):
    # given a reply sent 60 days ago, whose window has closed since
    proposal = _replied(city, staff, at=ago(60))
    assert proposal.feedback_deadline < timezone.localdate()
    rated = ago(55)
    # when the office enters the proposer's paper rating, made within the window
    feedback = services.rate_reply(
        proposal=proposal,
        actor=staff,
        rating="satisfied",
        on_behalf_of=proposal.proposers.get(),
        at=rated,
    )
    # then the rating, and the closing it sets off, are dated that day
    assert feedback.rated_at == rated
    feedback.refresh_from_db()
    assert feedback.rated_at == rated
    assert [row.history_date for row in feedback.history.all()] == [rated]
    proposal.refresh_from_db()
    assert (proposal.state, proposal.closed_on) == (ProposalState.CLOSED, timezone.localdate(rated))
    assert dated(proposal, "评价办理结果") == [rated]
    assert dated(proposal, "办结") == [rated]


def test_a_paper_rating_made_after_the_window_is_refused(city, staff):
    proposal = _replied(city, staff, at=ago(60))
    late = timezone.make_aware(dt.datetime.combine(proposal.feedback_deadline + DAY, dt.time(10)))
    with pytest.raises(services.WorkflowError):
        services.rate_reply(
            proposal=proposal,
            actor=staff,
            rating="satisfied",
            on_behalf_of=proposal.proposers.get(),
            at=late,
        )
    assert not Feedback.objects.filter(proposal=proposal).exists()


def test_a_dated_dissatisfied_rating_counts_the_redo_deadline_from_its_day(city, staff):
    # given a reply sent 60 days ago
    proposal = _replied(city, staff, at=ago(60))
    rated = ago(58)
    # when the office enters a 不满意 made two days after it
    services.rate_reply(
        proposal=proposal,
        actor=staff,
        rating="dissatisfied",
        comment="没解决",
        on_behalf_of=proposal.proposers.get(),
        at=rated,
    )
    # then the redo's deadline counts from that day, for the proposal and its unit
    deadline = add_months(timezone.localdate(rated), rule(city.pk, rules.REDO_MONTHS))
    proposal.refresh_from_db()
    assert (proposal.state, proposal.reply_deadline) == (ProposalState.REDO, deadline)
    assignment = proposal.assignments.get()
    assert assignment.deadline == deadline
    assert dated(proposal, "重新办理") == [rated]
    assert dated(assignment, "重新办理") == [rated]


def test_a_registration_entered_later_is_decided_and_registered_that_day(city, staff):
    proposal = factories.make_submitted(committee=city)
    decided = ago(3)
    registered = services.register_proposal(proposal=proposal, actor=staff, at=decided)
    registered.refresh_from_db()
    assert (registered.decided_at, registered.registered_on) == (
        decided,
        timezone.localdate(decided),
    )
    assert dated(registered, "立案") == [decided]


def _future_acts(city, staff):
    """Each dated act, ready to be taken at a given time."""
    proposal, lead_user, co_user = factories.make_co_assigned(committee=city, office=staff)
    reply = services.draft_reply(proposal=proposal, actor=lead_user, result_class="A", text="x")
    yield (
        "draft_reply",
        lambda at: services.draft_reply(
            proposal=proposal, actor=lead_user, result_class="A", text="x", at=at
        ),
    )
    yield "send_reply", lambda at: services.send_reply(reply=reply, actor=lead_user, at=at)
    services.send_reply(reply=reply, actor=lead_user)
    yield (
        "add_co_opinion",
        lambda at: services.add_co_opinion(reply=reply, actor=co_user, text="同意", at=at),
    )
    services.add_co_opinion(reply=reply, actor=co_user, text="同意")
    reply.refresh_from_db()
    yield "approve_reply", lambda at: services.approve_reply(reply=reply, actor=staff, at=at)
    services.approve_reply(reply=reply, actor=staff)
    yield (
        "rate_reply",
        lambda at: services.rate_reply(
            proposal=proposal,
            actor=staff,
            rating="satisfied",
            on_behalf_of=proposal.proposers.get(),
            at=at,
        ),
    )
    submitted = factories.make_submitted(committee=city)
    yield (
        "register_proposal",
        lambda at: services.register_proposal(proposal=submitted, actor=staff, at=at),
    )


def test_an_act_dated_ahead_of_now_is_refused_naming_the_time(city, staff):
    tomorrow = timezone.now() + DAY
    refused = {}
    for name, act in _future_acts(city, staff):
        with pytest.raises(ValidationError) as error:
            act(tomorrow)
        refused[name] = error.value.message_dict["at"][0]
    assert refused == {
        "draft_reply": "拟写时间：不能晚于现在。",
        "send_reply": "报送时间：不能晚于现在。",
        "add_co_opinion": "会签时间：不能晚于现在。",
        "approve_reply": "审核时间：不能晚于现在。",
        "rate_reply": "评价时间：不能晚于现在。",
        "register_proposal": "立案时间：不能晚于现在。",
    }
