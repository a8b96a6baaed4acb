"""Proposals in realistic states: most registered and answered, some merged, declined or
converted, a few overdue or in redo; proposers, lead-unit handling, replies, the proposers'
ratings and key proposals with their supervisors."""

import datetime
from zoneinfo import ZoneInfo

from zhengxie.proposals.models import (
    ConversionState,
    DeclineGround,
    Proposal,
    ProposalState,
    Proposer,
)
from zhengxie.proposals.selectors.register_count import bump_register_version

from .handling import handling, key_proposals
from .world import ScaleWorld, insert

S = ProposalState
TZ = ZoneInfo("Asia/Shanghai")
# state, weight: the shares a year's register shows.
STATES = [
    (S.REPLIED, 40),
    (S.CLOSED, 25),
    (S.ASSIGNED, 7),
    (S.REDO, 1),
    (S.REGISTERED, 2),
    (S.MERGED, 5),
    (S.DECLINED, 8),
    (S.TO_OPINION, 4),
    (S.TO_LETTER, 2),
    (S.WITHDRAWN, 1),
    (S.SUBMITTED, 3),
    (S.IN_REVIEW, 2),
]
NUMBERED = {S.REPLIED, S.CLOSED, S.ASSIGNED, S.REDO, S.REGISTERED}
HANDLED = {S.REPLIED, S.CLOSED, S.ASSIGNED, S.REDO}
ANSWERED = {S.REPLIED, S.CLOSED, S.REDO}
CATEGORIES = ["经济建设", "社会事业", "城乡建设", "生态环境", "文化教育", "政治法律"]


def _dates(world: ScaleWorld, state: str, plenary: bool) -> dict:
    submitted = world.day(1, 9) if plenary else world.day(20, 300)
    at = datetime.datetime.combine(submitted, datetime.time(9), tzinfo=TZ)
    dates = {"submitted_at": at}
    if state in NUMBERED:
        dates["registered_on"] = submitted + datetime.timedelta(days=10)
    if state in HANDLED:
        dates["assigned_on"] = submitted + datetime.timedelta(days=20)
        # Half of those still being handled ran past their deadline (督办 overdue).
        late = state == S.ASSIGNED and world.rng.random() < 0.5
        dates["reply_deadline"] = submitted + datetime.timedelta(days=30 if late else 1200)
    if state in ANSWERED:
        dates["replied_on"] = submitted + datetime.timedelta(days=world.rng.randint(40, 90))
    if state == S.CLOSED:
        dates["closed_on"] = dates["replied_on"] + datetime.timedelta(days=30)
    return dates


def _row(world: ScaleWorld, cid: int, state: str, number: int | None) -> Proposal:
    plenary = world.rng.random() < 0.85
    extra = {}
    if state == S.DECLINED:
        extra = {"decline_grounds": [DeclineGround.VAGUE], "decision_reason": "内容空泛"}
    if state == S.TO_OPINION:
        extra = {"conversion_state": ConversionState.DELIVERED}
    return Proposal(
        committee_id=cid,
        plenary_id=world.plenary_of[cid],
        number=number,
        title=f"关于第{cid}-{number or 0}-{world.rng.randrange(10**6)}项工作的建议",
        category_main=world.rng.choice(CATEGORIES),
        is_plenary_proposal=plenary,
        state=state,
        redo_round=2 if state == S.REDO else 1,
        **_dates(world, state, plenary),
        **extra,
    )


def proposals(world: ScaleWorld) -> None:
    states, weights = zip(*STATES, strict=True)
    rows = []
    for cid, share in zip(world.committee_ids, world.spread(world.sizes.proposals), strict=True):
        if not world.members_of.get(cid):
            continue
        number = 0
        for state in world.rng.choices(states, weights, k=share):
            number += state in NUMBERED
            rows.append(_row(world, cid, state, number if state in NUMBERED else None))
    created = insert(Proposal, rows)
    # Inserted in bulk, without post_save: the registers' cached counts are told here.
    bump_register_version()
    _merge(world, created)
    first = _proposers(world, created)
    handling(world, created, first)
    key_proposals(world, created)
    world.counts["proposals"] = len(created)


def _merge(world: ScaleWorld, created: list[Proposal]) -> None:
    """A merged proposal points at a registered one of its committee."""
    hosts = {p.committee_id: p.pk for p in created if p.state == S.REPLIED}
    merged = [p for p in created if p.state == S.MERGED and p.committee_id in hosts]
    for p in merged:
        p.merged_into_id = hosts[p.committee_id]
    Proposal.objects.bulk_update(merged, ["merged_into"], batch_size=5000)


def _proposers(world: ScaleWorld, created: list[Proposal]) -> dict[int, int]:
    """One first proposer each, a co-signer on every fifth; returns proposal -> first proposer."""
    rows = []
    for p in created:
        pool = world.members_of[p.committee_id]
        joint = len(pool) > 1 and world.rng.random() < 0.2
        picks = world.rng.sample(pool, 2 if joint else 1)
        for position, member in enumerate(picks):
            rows.append(
                Proposer(
                    committee_id=p.committee_id,
                    proposal_id=p.pk,
                    member_id=member,
                    name=f"委员{member}",
                    position=position,
                    is_first=position == 0,
                )
            )
    return {r.proposal_id: r.pk for r in insert(Proposer, rows) if r.is_first}
