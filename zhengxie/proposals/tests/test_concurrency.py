"""Races on PostgreSQL with real threads: numbering and double decisions."""

import threading

import pytest
from django.db import connection

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import Proposal, ProposalState

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # the test inspects which exception each thread got
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_registrations_get_distinct_consecutive_numbers(city):
    # given eight submitted proposals and eight staff members
    proposals = [factories.make_submitted(committee=city) for _ in range(8)]
    staff = [core.make_user(role=Role.STAFF, committee=city) for _ in range(8)]
    # when they all register at once
    outcomes = _race(
        [
            lambda p=p, s=s: services.register_proposal(proposal=p, actor=s)
            for p, s in zip(proposals, staff, strict=True)
        ]
    )
    # then the numbers are 1..8, each once
    assert all(isinstance(o, Proposal) for o in outcomes), outcomes
    numbers = sorted(Proposal.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 9))


def test_two_staff_deciding_the_same_proposal_get_one_success_and_one_already_handled(city):
    proposal = factories.make_submitted(committee=city)
    first, second = (core.make_user(role=Role.STAFF, committee=city) for _ in range(2))
    outcomes = _race(
        [
            lambda: services.register_proposal(
                proposal=proposal, actor=first, expected_state="submitted"
            ),
            lambda: services.decline_proposal(
                proposal=proposal,
                actor=second,
                grounds=["vague"],
                reason="空泛",
                expected_state="submitted",
            ),
        ]
    )
    errors = [o for o in outcomes if isinstance(o, services.AlreadyHandled)]
    assert len(errors) == 1 and "已被他人处理" in errors[0].message
    proposal.refresh_from_db()
    assert proposal.state in (ProposalState.REGISTERED, ProposalState.DECLINED)
    assert (proposal.number is not None) == (proposal.state == ProposalState.REGISTERED)
