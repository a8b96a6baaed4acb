"""The proposal cards on 我的履职: invitations to answer and replies to rate, the member's own
and still open only."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import Proposal, ProposerKind
from zhengxie.proposals.selectors import (
    list_cosignatures_awaiting,
    list_replies_awaiting_rating,
)


def _invited(*, committee, member):
    return factories.make_submitted(
        committee=committee, kind=ProposerKind.JOINT, cosigners=[member]
    )


def test_only_unanswered_invitations_before_the_deadline_wait_for_the_member(city):
    # given one invitation waiting, one declined, one past its deadline and another's
    member = core.make_member(committee=city, with_account=True)
    waiting = _invited(committee=city, member=member)
    declined = _invited(committee=city, member=member)
    services.respond_cosignature(
        cosignature=declined.cosignatures.get(), actor=member.user, accept=False
    )
    lapsed = _invited(committee=city, member=member)
    Proposal.objects.filter(pk=lapsed.pk).update(
        cosign_deadline=timezone.now() - dt.timedelta(hours=1)
    )
    _invited(committee=city, member=core.make_member(committee=city, with_account=True))
    # when
    items = list_cosignatures_awaiting(member=member)
    # then
    assert [item["title"] for item in items] == [waiting.title]
    assert items[0]["url"] == reverse("proposals:cosign", args=[waiting.cosignatures.get().pk])
    assert "前确认" in items[0]["when"]


def test_a_replied_proposal_waits_for_its_proposers_rating_within_the_window(city):
    # given one reply to rate, one rated, one whose window closed and another's
    author = factories.make_proposer(committee=city)
    due = factories.make_replied(committee=city, author=author)
    rated = factories.make_replied(committee=city, author=author)
    services.rate_reply(proposal=rated, actor=author, rating="satisfied")
    lapsed = factories.make_replied(committee=city, author=author)
    Proposal.objects.filter(pk=lapsed.pk).update(
        feedback_deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    factories.make_replied(committee=city)
    # when
    items = list_replies_awaiting_rating(member=author.member)
    # then
    assert [item["title"] for item in items] == [due.title]
    assert items[0]["url"] == reverse("proposals:rate", args=[due.pk])
    assert "前评价" in items[0]["when"]


def test_the_proposer_of_a_merged_proposal_rates_the_reply_to_the_one_it_joined(city, staff):
    # given a proposal merged into another that has been replied to
    author = factories.make_proposer(committee=city)
    merged = factories.make_submitted(committee=city, author=author)
    target = factories.make_replied(committee=city, office=staff)
    Proposal.objects.filter(pk=merged.pk).update(merged_into=target)
    # when
    items = list_replies_awaiting_rating(member=author.member)
    # then
    assert [item["url"] for item in items] == [reverse("proposals:rate", args=[target.pk])]
