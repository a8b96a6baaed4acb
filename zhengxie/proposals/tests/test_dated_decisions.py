"""The review's decisions other than 立案 (并案, 不予立案, the two conversions, 撤案) entered later
from the sitting's minutes take `at`: the decision, its history row, and the opinion report or
letter a conversion opens carry the day it was taken. An `at` ahead of now is refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhengxie.opinions.models import OpinionReport
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import Letter, ProposalState
from zhengxie.proposals.tests.dating import DAY, ago, dated


def _decided(proposal, state: str, decided: dt.datetime, reason: str):
    """The proposal as saved: in `state`, decided at `decided`, its step's history row so dated."""
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_at) == (state, decided)
    assert dated(proposal, reason) == [decided]
    return proposal


def test_a_merger_entered_later_is_dated_on_the_day_it_was_decided(city, staff):
    main = factories.make_registered(committee=city, office=staff)
    other = factories.make_submitted(committee=city)
    decided = ago(5)
    returned = services.merge_proposal(
        proposal=other, into=main, actor=staff, reason="内容相近", at=decided
    )
    assert returned.decided_at == decided
    merged = _decided(other, ProposalState.MERGED, decided, "并案")
    assert merged.merged_into == main


def test_a_decline_entered_later_is_dated_on_the_day_it_was_decided(city, staff):
    proposal = factories.make_submitted(committee=city)
    decided = ago(5)
    returned = services.decline_proposal(
        proposal=proposal, actor=staff, grounds=["vague"], reason="内容空泛", at=decided
    )
    assert returned.decided_at == decided
    _decided(proposal, ProposalState.DECLINED, decided, "不予立案")


def test_a_conversion_to_opinion_entered_later_dates_the_report_it_opens(city, staff):
    # given a proposal submitted now
    proposal = factories.make_submitted(committee=city)
    decided = ago(5)
    # when the office enters the review's conversion, decided five days ago
    services.convert_to_opinion(proposal=proposal, actor=staff, reason="转社情民意", at=decided)
    # then the decision is dated that day
    proposal = _decided(proposal, ProposalState.TO_OPINION, decided, "转社情民意")
    # and so is the report it opened, which still counts from the members' submission
    report = OpinionReport.objects.get(pk=proposal.conversion_ref)
    assert (report.created_at, report.submitted_at) == (decided, proposal.submitted_at)
    # (its members, set after the first save, write a second row that day)
    assert {row.history_date for row in report.history.all()} == {decided}


def test_a_conversion_to_letter_entered_later_dates_the_letter_it_opens(city, staff):
    proposal = factories.make_submitted(committee=city)
    decided = ago(5)
    services.convert_to_letter(proposal=proposal, actor=staff, reason="属个案问题", at=decided)
    _decided(proposal, ProposalState.TO_LETTER, decided, "转委员来信")
    letter = Letter.objects.get(proposal=proposal)
    assert letter.created_at == decided
    assert [row.history_date for row in letter.history.all()] == [decided]


def test_a_withdrawal_entered_later_is_dated_on_the_day_it_was_made(city, staff):
    # given a proposal registered ten days ago
    proposal = factories.make_submitted(committee=city)
    registered, withdrawn = ago(10), ago(4)
    services.register_proposal(proposal=proposal, actor=staff, at=registered)
    # when the proposer withdraws it, dated by the letter asking to, of four days ago
    services.withdraw_proposal(
        proposal=proposal, actor=proposal.created_by, reason="已解决", at=withdrawn
    )
    # then the withdrawal is dated that day and the registration keeps its own
    proposal = _decided(proposal, ProposalState.WITHDRAWN, withdrawn, "撤案")
    assert dated(proposal, "立案") == [registered]


def _decisions(city, staff):
    """Each review decision on a fresh submitted proposal, ready to be taken at a given time."""
    main = factories.make_registered(committee=city, office=staff)

    def merge(proposal, at):
        services.merge_proposal(proposal=proposal, into=main, actor=staff, reason="相近", at=at)

    def decline(proposal, at):
        services.decline_proposal(
            proposal=proposal, actor=staff, grounds=["vague"], reason="空泛", at=at
        )

    def to_opinion(proposal, at):
        services.convert_to_opinion(proposal=proposal, actor=staff, reason="转", at=at)

    def to_letter(proposal, at):
        services.convert_to_letter(proposal=proposal, actor=staff, reason="转", at=at)

    def withdraw(proposal, at):
        services.withdraw_proposal(proposal=proposal, actor=proposal.created_by, reason="撤", at=at)

    for act in (merge, decline, to_opinion, to_letter, withdraw):
        yield act.__name__, factories.make_submitted(committee=city), act


def test_a_decision_dated_ahead_of_now_is_refused_and_changes_nothing(city, staff):
    tomorrow = timezone.now() + DAY
    refused = {}
    for name, proposal, act in _decisions(city, staff):
        rows = proposal.history.count()
        with pytest.raises(ValidationError) as error:
            act(proposal, tomorrow)
        refused[name] = error.value.message_dict["at"][0]
        proposal.refresh_from_db()
        assert (proposal.state, proposal.decided_at) == (ProposalState.SUBMITTED, None)
        assert proposal.history.count() == rows
    assert refused == {
        "merge": "并案时间：不能晚于现在。",
        "decline": "不予立案时间：不能晚于现在。",
        "to_opinion": "转办时间：不能晚于现在。",
        "to_letter": "转办时间：不能晚于现在。",
        "withdraw": "撤案时间：不能晚于现在。",
    }
    assert not OpinionReport.objects.exists()
    assert not Letter.objects.exists()
