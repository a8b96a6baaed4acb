"""Duty credit for an imported register: an option of the import, off by default.

A historic register (an earlier plenary's, kept in Excel before the platform) may credit its
proposers' duty as the platform's own registration does (services/review.py
credit_proposers): each registered proposal credits its first proposer ("first", or "joint"
for a joint proposal) and each co-signer on the roster ("cosigner"), on the day of
registration. Names not on the roster are kept on the proposal and credit nobody; collective
proposals credit nobody. The ledger keeps one credit per act, so importing the same register
again credits nothing twice. The dry run shows what the option would credit."""

from dataclasses import dataclass

from zhengxie.core.models import Member
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import Credit, credit_duty_many

from ..models import Proposal, ProposalState, Proposer, ProposerKind
from .validation import RegisterRow

# Review outcomes that never registered the proposal: no 立案 date, no duty credit.
NOT_REGISTERED = (
    ProposalState.MERGED,
    ProposalState.DECLINED,
    ProposalState.TO_OPINION,
    ProposalState.TO_LETTER,
    ProposalState.WITHDRAWN,
)


@dataclass(frozen=True)
class CreditPlan:
    """What the option credits: member acts, the members they go to, and the proposers'
    names not found on the roster (kept, not credited)."""

    credits: int
    members: int
    unmatched: int


def _names(row: RegisterRow) -> list[str]:
    return list(dict.fromkeys([*row.proposers, *row.cosigners]))


def plan_credits(*, rows: list[RegisterRow], members: dict[str, Member]) -> CreditPlan:
    credits, credited, unmatched = 0, set(), 0
    for row in rows:
        if row.state in NOT_REGISTERED or row.is_collective:
            continue
        for name in _names(row):
            member = members.get(name)
            if member is None:
                unmatched += 1
            else:
                credits += 1
                credited.add(member.pk)
    return CreditPlan(credits=credits, members=len(credited), unmatched=unmatched)


def _role(proposal: Proposal, proposer: Proposer) -> str:
    if not proposer.is_first:
        return "cosigner"
    return "joint" if proposal.proposer_kind == ProposerKind.JOINT else "first"


def credit_proposers(*, proposals: list[Proposal]) -> int:
    """Credits the registered ones among the imported proposals; returns the rows written."""
    registered = {p.pk: p for p in proposals if p.registered_on is not None}
    proposers = Proposer.objects.filter(
        proposal_id__in=list(registered), member__isnull=False
    ).select_related("member")
    credits = [
        Credit(
            member=row.member,
            kind=DutyKind.PROPOSAL,
            source=registered[row.proposal_id],
            occurred_on=registered[row.proposal_id].registered_on,
            role=_role(registered[row.proposal_id], row),
            note=registered[row.proposal_id].title,
        )
        for row in proposers.order_by("proposal_id", "position")
    ]
    return credit_duty_many(credits=credits)
