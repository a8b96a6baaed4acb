"""The year's volume of grassroots work, in bulk with history, topped up to the review's
figures after the stories: 900-odd sessions, 700-odd problems collected on members' visits,
682 livelihood matters, 55 enterprise difficulties and 779 urgent concerns resolved.

The volume is credited afterwards in one pass (services.backfill.credit_year, which the demo
step calls and `manage.py credit_grassroots_duty --year 2022` repeats idempotently); the
stories are credited by the services as they go."""

import datetime as dt
import random
from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history

from zhengxie.core.demo import DemoWorld
from zhengxie.core.models import HandlingUnit, Member, Venue

from .demo_outcomes import day as _day
from .demo_outcomes import events_and_outcomes
from .models import (
    Action,
    ActionProgress,
    Case,
    CaseEvent,
    CaseSource,
    CaseState,
    ConsultationSession,
    ContactRecord,
    ParticipantKind,
    Rating,
    SessionParticipant,
)
from .selectors import figures

SESSIONS = 950  # 基层协商 900 余场
PROBLEMS_COLLECTED = 750  # 委员走访收集问题 700 余个
RESOLVED = {"livelihood": 682, "enterprise": 55, "urgent": 779}
OPEN_VISITS = 60  # collected on visits and still in hand at the year's end
OPEN_OTHERS = 40
REOPENED = 8  # rated 不满意 and back in consultation
TITLES = {
    "livelihood": [
        "小区路灯维修",
        "背街小巷路面硬化",
        "农贸市场改造",
        "村级卫生室建设",
        "社区养老服务点",
        "公厕改造",
    ],
    "enterprise": ["企业用工难", "中小企业融资难", "园区道路配套", "企业用电增容"],
    "urgent": [
        "小区积水排涝",
        "老旧管网漏水",
        "学校周边交通安全",
        "农村饮水安全",
        "垃圾清运不及时",
        "井盖缺失",
    ],
}
OTHER_SOURCES = [CaseSource.RESIDENT, CaseSource.CONVENOR, CaseSource.COMMUNITY]


def _largest_remainder(total: int, weights: list[int]) -> list[int]:
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


@dataclass
class _Plan:
    """One committee's cases before insertion: (case, path, session slot) kept together."""

    venues: list[Venue]
    members: list[Member]
    units: list[HandlingUnit]
    cases: list[Case] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def _case(
    rng: random.Random, plan: _Plan, index: int, category: str, visit: bool, state: str
) -> Case:
    venue = plan.venues[index % len(plan.venues)]
    raised = _day(rng, dt.date(2022, 1, 4), 0, 280)
    member = rng.choice(list(venue.members.all()) or plan.members) if visit else None
    return Case(
        committee_id=venue.committee_id,
        town_id=venue.town_id,
        category=category,
        state=state,
        venue=None if state == CaseState.RAISED else venue,
        raised_on=raised,
        source=CaseSource.VISIT if visit else rng.choice(OTHER_SOURCES),
        title=f"{venue.town.name}{rng.choice(TITLES[category])}",
        place=f"{venue.town.name}",
        description="群众反映的问题，经委员之家受理后协商解决。",
        raised_by_member=member,
        reporter_name="群众" if not visit else "走访对象",
    )


RESOLVED_STATES = [CaseState.CLOSED] * 17 + [CaseState.RATED] * 2 + [CaseState.RESOLVED]
OPEN_STATES = [CaseState.RAISED, CaseState.ACCEPTED, CaseState.CONSULTING, CaseState.ACTING]
CONSULTED = {
    CaseState.CONSULTING,
    CaseState.ACTING,
    CaseState.RESOLVED,
    CaseState.RATED,
    CaseState.CLOSED,
}


def _plan_committee(rng: random.Random, plan: _Plan, need: dict) -> None:
    """need: categories to resolve, visits among them, open visits, open others, reopened."""
    specs = [(c, s) for c, n in need["resolved"].items() for s in [None] * n]
    rng.shuffle(specs)
    for i, (category, _none) in enumerate(specs):
        state = RESOLVED_STATES[i % len(RESOLVED_STATES)]
        plan.cases.append(_case(rng, plan, i, category, i < need["resolved_visits"], state))
    offset = len(plan.cases)
    opens = need["open_visits"] + need["open_others"]
    for j in range(opens):
        category = rng.choice(list(TITLES))
        plan.cases.append(
            _case(rng, plan, offset + j, category, j < need["open_visits"], OPEN_STATES[j % 4])
        )
    for k in range(need["reopened"]):
        case = _case(rng, plan, offset + opens + k, "urgent", False, CaseState.CONSULTING)
        case.reopen_count = 1
        plan.cases.append(case)


def _contacts(rng: random.Random, cases: list[Case]) -> None:
    visits = [c for c in cases if c.source == CaseSource.VISIT]
    contacts = bulk_create_with_history(
        [
            ContactRecord(
                committee_id=c.raised_by_member.committee_id,
                member=c.raised_by_member,
                kind=rng.choice(["sector", "grassroots", "enterprise"]),
                target=f"{c.place}群众",
                town_id=c.town_id,
                occurred_on=c.raised_on,
                content=f"走访了解到：{c.title}",
            )
            for c in visits
        ],
        ContactRecord,
        batch_size=500,
    )
    for case, contact in zip(visits, contacts, strict=True):
        case.contact = contact


def _sessions(
    rng: random.Random, plan: _Plan, count: int
) -> list[tuple[ConsultationSession, list[Case]]]:
    """Groups each venue's consulted cases into that venue's share of the sessions."""
    by_venue: dict[int, list[Case]] = {}
    for case in plan.cases:
        if case.state in CONSULTED:
            by_venue.setdefault(case.venue_id, []).append(case)
    venue_ids = sorted(by_venue)
    shares = _largest_remainder(count, [len(by_venue[v]) for v in venue_ids])
    groups = []
    for venue_id, share in zip(venue_ids, shares, strict=True):
        cases = sorted(by_venue[venue_id], key=lambda c: c.raised_on)
        bounds = _largest_remainder(len(cases), [1] * share) if share else []
        start = 0
        for size in bounds:
            group = cases[start : start + size]
            start += size
            held = _day(rng, max(c.raised_on for c in group), 5, 15)
            session = ConsultationSession(
                committee_id=group[0].committee_id,
                venue_id=venue_id,
                held_on=held,
                title=f"{group[0].title}等问题一线协商会"
                if size > 1
                else f"{group[0].title}一线协商会",
                briefing="有关部门通报情况。",
                questions="群众代表提问。",
                answers="部门负责人解答。",
                speeches="委员发言提出建议。",
                consensus="形成协商共识，明确责任单位和完成时限。",
            )
            groups.append((session, group))
            for case in group:
                case.demo_session = session
    return groups


def _insert_sessions(rng: random.Random, plan: _Plan, groups: list) -> None:
    sessions = bulk_create_with_history(
        [s for s, _g in groups], ConsultationSession, batch_size=500
    )
    through = ConsultationSession.cases.through
    through.objects.bulk_create(
        [
            through(consultationsession_id=s.pk, case_id=c.pk)
            for s, (_x, g) in zip(sessions, groups, strict=True)
            for c in g
        ]
    )
    seats = []
    for session in sessions:
        venue = next(v for v in plan.venues if v.pk == session.venue_id)
        members = rng.sample(list(venue.members.all()), 2)
        seats += [
            SessionParticipant(session=session, kind=ParticipantKind.MEMBER, name=m.name, member=m)
            for m in members
        ]
        seats += [
            SessionParticipant(session=session, kind=ParticipantKind.RESIDENT_REP, name="群众代表"),
            SessionParticipant(
                session=session, kind=ParticipantKind.DEPARTMENT, name=rng.choice(plan.units).name
            ),
        ]
    bulk_create_with_history(seats, SessionParticipant, batch_size=1000)


def _needs(world: DemoWorld) -> list[dict]:
    """What is left to reach the review's figures after the stories, split by venues."""
    codes = list(world.committees)
    now = figures(committee_ids=[c.pk for c in world.committees.values()], year=world.year)
    weights = [Venue.objects.filter(committee=world.committees[c]).count() for c in codes]
    keys = {
        "livelihood": "livelihood_matters_resolved",
        "enterprise": "enterprise_difficulties_resolved",
        "urgent": "urgent_concerns_resolved",
    }
    split = {
        cat: _largest_remainder(RESOLVED[cat] - now[key], weights) for cat, key in keys.items()
    }
    visits = _largest_remainder(
        PROBLEMS_COLLECTED - now["problems_collected"] - OPEN_VISITS, weights
    )
    parts = {
        name: _largest_remainder(n, weights)
        for name, n in (
            ("open_visits", OPEN_VISITS),
            ("open_others", OPEN_OTHERS),
            ("reopened", REOPENED),
            ("sessions", SESSIONS - now["sessions"]),
        )
    }
    return [
        {
            "code": code,
            "resolved": {cat: split[cat][i] for cat in keys},
            "resolved_visits": visits[i],
            **{name: values[i] for name, values in parts.items()},
        }
        for i, code in enumerate(codes)
    ]


def fill_year(world: DemoWorld) -> None:
    rng = world.rng
    for need in _needs(world):
        committee = world.committees[need["code"]]
        plan = _Plan(
            venues=list(
                Venue.objects.filter(committee=committee)
                .select_related("town")
                .prefetch_related("members")
                .order_by("id")
            ),
            members=list(Member.objects.filter(committee=committee)[:50]),
            units=list(HandlingUnit.objects.filter(committee=committee)),
        )
        _plan_committee(rng, plan, need)
        groups = _sessions(rng, plan, need["sessions"])
        events, actions, ratings = events_and_outcomes(rng, plan.cases, plan.units)
        _contacts(rng, plan.cases)
        bulk_create_with_history(plan.cases, Case, batch_size=500)
        _insert_sessions(rng, plan, groups)
        bulk_create_with_history(actions, Action, batch_size=500)
        bulk_create_with_history(
            [
                ActionProgress(action=a, note="已完成", reported_on=a.done_on)
                for a in actions
                if a.done_on
            ],
            ActionProgress,
            batch_size=500,
        )
        bulk_create_with_history(ratings, Rating, batch_size=500)
        CaseEvent.objects.bulk_create(events, batch_size=1000)
