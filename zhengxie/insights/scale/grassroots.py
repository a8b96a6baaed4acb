"""Grassroots casework: cases at the venues in every state, consultation sessions on them and
the residents' ratings (a reopened case was rated 不满意 first, then again)."""

import datetime

from zhengxie.grassroots.models import (
    Case,
    CaseSource,
    CaseState,
    ConsultationSession,
    Rating,
    RatingValue,
)

from .world import ScaleWorld, insert

C = CaseState
STATES = [
    (C.RAISED, 5),
    (C.ACCEPTED, 8),
    (C.REFERRED, 5),
    (C.CONSULTING, 7),
    (C.ACTING, 10),
    (C.RESOLVED, 10),
    (C.RATED, 25),
    (C.CLOSED, 30),
]
SOURCES = (
    [CaseSource.VISIT] * 4
    + [CaseSource.RESIDENT] * 3
    + [CaseSource.CONVENOR] * 2
    + [CaseSource.COMMUNITY]
)
CATEGORIES = ["livelihood"] * 6 + ["urgent"] * 3 + ["enterprise"]
CASES_PER_SESSION = 4


def _case(world: ScaleWorld, cid: int, state: str) -> Case:
    venue, town = world.rng.choice(world.venues_of[cid])
    source = world.rng.choice(SOURCES)
    raised = world.day(1, 300)
    done = state in (C.RESOLVED, C.RATED, C.CLOSED)
    return Case(
        committee_id=cid,
        title=f"问题{world.rng.randrange(10**6)}",
        description="群众反映的问题",
        place="村(社区)",
        category=world.rng.choice(CATEGORIES),
        source=source,
        state=state,
        town_id=town,
        venue_id=venue,
        raised_on=raised,
        raised_by_member_id=world.rng.choice(world.members_of[cid])
        if source == CaseSource.VISIT
        else None,
        resolved_on=raised + datetime.timedelta(days=world.rng.randint(5, 60)) if done else None,
        closed_on=raised + datetime.timedelta(days=65) if state == C.CLOSED else None,
        reopen_count=1 if done and world.rng.random() < 0.05 else 0,
    )


def cases(world: ScaleWorld) -> None:
    states, weights = zip(*STATES, strict=True)
    rows = []
    for cid, share in zip(world.committee_ids, world.spread(world.sizes.cases), strict=True):
        if world.members_of.get(cid):
            rows += [_case(world, cid, s) for s in world.rng.choices(states, weights, k=share)]
    rated = [c for c in rows if c.state in (C.RATED, C.CLOSED)]
    _rate(world, rated)
    created = insert(Case, rows)
    _sessions(world, created)
    _ratings(rated)
    world.counts["cases"] = len(created)


def _sessions(world: ScaleWorld, created: list[Case]) -> None:
    consulted = [c for c in created if c.state not in (C.RAISED, C.ACCEPTED, C.REFERRED)]
    groups = [
        consulted[i : i + CASES_PER_SESSION] for i in range(0, len(consulted), CASES_PER_SESSION)
    ]
    sessions = insert(
        ConsultationSession,
        [
            ConsultationSession(
                committee_id=g[0].committee_id,
                venue_id=g[0].venue_id,
                title=f"协商议事{g[0].pk}",
                held_on=g[0].raised_on,
                consensus="形成共识",
            )
            for g in groups
        ],
    )
    through = ConsultationSession.cases.through
    links = [
        through(consultationsession_id=s.pk, case_id=c.pk)
        for s, g in zip(sessions, groups, strict=True)
        for c in g
        if c.committee_id == s.committee_id
    ]
    insert(through, links)
    world.counts["sessions"] = len(sessions)


def _rate(world: ScaleWorld, rated: list[Case]) -> None:
    """Each rated case's final rating, four days after it was resolved, on the case as the
    rating service keeps it."""
    for case in rated:
        case.final_rating = RatingValue.SATISFIED if world.rng.random() < 0.8 else RatingValue.BASIC
        case.final_rated_on = case.resolved_on + datetime.timedelta(days=4)


def _ratings(rated: list[Case]) -> None:
    """The rating rows behind each case's final rating: a reopened case's 不满意 the day
    before it."""
    rows = []
    for case in rated:
        if case.reopen_count:
            before = case.final_rated_on - datetime.timedelta(days=1)
            rows.append(Rating(case_id=case.pk, value=RatingValue.UNSATISFIED, rated_on=before))
        rows.append(Rating(case_id=case.pk, value=case.final_rating, rated_on=case.final_rated_on))
    insert(Rating, rows)
