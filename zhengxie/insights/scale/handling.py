"""The handling of the generated proposals: a lead unit each, the sent replies, the first
proposer's rating of the latest round (a redo was rated 不满意 in round one), key proposals."""

import datetime
from zoneinfo import ZoneInfo

from zhengxie.proposals.models import (
    Assignment,
    AssignmentRole,
    Feedback,
    KeyProposal,
    Proposal,
    ProposalState,
    Rating,
    Reply,
    ReplyState,
    SupervisorKind,
)

from .world import YEAR, ScaleWorld, insert

S = ProposalState
TZ = ZoneInfo("Asia/Shanghai")
SUPERVISORS = (
    [SupervisorKind.PARTY_GOVERNMENT] * 4
    + [SupervisorKind.CHAIR] * 3
    + [
        SupervisorKind.SPECIAL_COMMITTEE,
        SupervisorKind.SPECIAL_COMMITTEE,
        SupervisorKind.OTHER,
    ]
)
RATINGS = [Rating.SATISFIED] * 8 + [Rating.BASICALLY] * 2 + [Rating.DISSATISFIED]
CLASSES = ["A"] * 6 + ["B"] * 3 + ["C"]


def handling(world: ScaleWorld, created: list[Proposal], first: dict[int, int]) -> None:
    handled = [p for p in created if p.assigned_on]
    assignments = insert(
        Assignment,
        [
            Assignment(
                committee_id=p.committee_id,
                proposal_id=p.pk,
                unit_id=world.rng.choice(world.units_of[p.committee_id]),
                role=AssignmentRole.LEAD,
                assigned_on=p.assigned_on,
                deadline=p.reply_deadline,
                original_deadline=p.reply_deadline,
            )
            for p in handled
        ],
    )
    answered = [(p, a) for p, a in zip(handled, assignments, strict=True) if p.replied_on]
    _replies(world, answered)
    _feedback(world, [p for p, _a in answered], first)
    world.counts["replies"] = len(answered)


def _replies(world: ScaleWorld, answered: list) -> None:
    rows = []
    for p, a in answered:
        # A redo's first-round reply stays sent; its second round is not written yet.
        sent = datetime.datetime.combine(p.replied_on, datetime.time(10), tzinfo=TZ)
        rows.append(
            Reply(
                committee_id=p.committee_id,
                proposal_id=p.pk,
                assignment_id=a.pk,
                unit_id=a.unit_id,
                round=1 if p.state == S.REDO else p.redo_round,
                result_class=world.rng.choice(CLASSES),
                text="经研究，答复如下。",
                state=ReplyState.SENT,
                sent_at=sent,
                submitted_at=sent,
            )
        )
    insert(Reply, rows)


def _feedback(world: ScaleWorld, answered: list[Proposal], first: dict[int, int]) -> None:
    rows = [
        Feedback(
            committee_id=p.committee_id,
            proposal_id=p.pk,
            proposer_id=first[p.pk],
            round=1,
            rating=Rating.DISSATISFIED if p.state == S.REDO else world.rng.choice(RATINGS[:-1]),
        )
        for p in answered
        if p.state == S.REDO or world.rng.random() < 0.9
    ]
    insert(Feedback, rows)
    world.counts["feedback"] = len(rows)


def key_proposals(world: ScaleWorld, created: list[Proposal]) -> None:
    picked = [p for p in created if p.assigned_on and world.rng.random() < 0.02]
    rows = [
        KeyProposal(
            committee_id=p.committee_id,
            proposal_id=p.pk,
            supervisor_name=f"领导{p.committee_id}-{i % 7}",
            supervisor_kind=world.rng.choice(SUPERVISORS),
            year=YEAR,
            selected_on=datetime.date(YEAR, 3, 1),
        )
        for i, p in enumerate(picked)
    ]
    insert(KeyProposal, rows)
    world.counts["key_proposals"] = len(rows)
