"""The year's volume of grassroots work, made through the services and workflows the office uses:
each case is raised (on a member's visit or at the venue), accepted, consulted on at a session,
given an agreed action, and, as the plan says, done, rated and closed, each step on its day of
2022. The figures come out of the plan below; nothing is counted up to a target. Duty is
credited by the services as each act happens.

The plan is stated as inputs and split over the committees by their number of venues. The four
stories of demo.py add their own: three livelihood matters and one urgent concern resolved, two
problems collected on visits, six sessions. With them the review's figures come out: 950
sessions, 750 problems collected on visits, 682 livelihood matters, 55 enterprise difficulties
and 779 urgent concerns resolved."""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db.models import Prefetch

from zhengxie.core.demo import DemoWorld
from zhengxie.core.models import HandlingUnit, Member, User, Venue

from .models import Case, CaseSource, ConsultationSession, ParticipantKind
from .services.actions import agree_action, report_progress
from .services.cases import accept_case, close_case, raise_case_by_convenor, rate_case
from .services.contacts import record_contact
from .services.sessions import Participant, hold_session

# The plan: how many cases of each kind the venues resolve in the year (besides the stories).
RESOLVE = {"livelihood": 679, "enterprise": 55, "urgent": 778}
RESOLVED_FROM_VISITS = 688  # of those, raised on members' visits (委员三联系)
OPEN_VISITS = 60  # collected on visits and still in hand at the year's end
OPEN_OTHERS = 40  # brought to the venues and still in hand
REOPENED = 8  # urgent concerns resolved, rated 不满意 and back in consultation
SESSIONS = 944  # sessions the venues hold on the cases above
# Of every 20 resolved cases: 17 rated and closed (销号), 2 rated, 1 awaiting its rating.
AFTER_RESOLUTION = ["close"] * 17 + ["rate"] * 2 + ["none"]
SATISFIED_SHARE = 0.85  # the others rated 基本满意
# Where an open case stands at the year's end, in turn.
OPEN_VISIT_STAGES = ["raised", "accepted", "consulting", "acting"]
OPEN_OTHER_STAGES = ["accepted", "consulting", "acting"]

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
OTHER_SOURCES = [CaseSource.CONVENOR, CaseSource.COMMUNITY]
CONTACT_KINDS = ["sector", "grassroots", "enterprise"]
STAFF = {
    "suizhou": "staff",
    "zengdu": "zengdu_staff",
    "suixian": "suixian_staff",
    "guangshui": "guangshui_staff",
}


def day(rng: random.Random, start: dt.date, low: int, high: int) -> dt.date:
    return start + dt.timedelta(days=rng.randint(low, high))


def largest_remainder(total: int, weights: list[int]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers adding up to `total`."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


@dataclass
class Planned:
    """One case of the plan: what it is and how far it goes in the year."""

    category: str
    venue: Venue
    member: Member | None  # who collected it on a visit; None when brought to the venue
    stage: str  # raised, accepted, consulting, acting, reopened, or after resolution
    raised_on: dt.date
    title: str
    case: Case | None = None
    session: ConsultationSession | None = None


@dataclass
class Committee:
    """One committee's share of the plan and the people and units it works with."""

    code: str
    staff: User
    venues: list[Venue]
    units: list[HandlingUnit]
    cases: list[Planned] = field(default_factory=list)
    groups: list[list[Planned]] = field(default_factory=list)  # each session's cases


def _shares(world: DemoWorld) -> list[dict]:
    """Each input of the plan split over the committees by their number of venues."""
    codes = list(world.committees)
    weights = [Venue.objects.filter(committee=world.committees[c]).count() for c in codes]
    inputs = {
        **{f"resolve_{cat}": n for cat, n in RESOLVE.items()},
        "resolved_from_visits": RESOLVED_FROM_VISITS,
        "open_visits": OPEN_VISITS,
        "open_others": OPEN_OTHERS,
        "reopened": REOPENED,
        "sessions": SESSIONS,
    }
    split = {name: largest_remainder(n, weights) for name, n in inputs.items()}
    return [{"code": code, **{k: v[i] for k, v in split.items()}} for i, code in enumerate(codes)]


def _plan_committee(rng: random.Random, unit: Committee, share: dict) -> None:
    venues = unit.venues
    kinds = [cat for cat in RESOLVE for _n in range(share[f"resolve_{cat}"])]
    rng.shuffle(kinds)
    rows = [
        (cat, i < share["resolved_from_visits"], AFTER_RESOLUTION[i % len(AFTER_RESOLUTION)])
        for i, cat in enumerate(kinds)
    ]
    rows += [
        (rng.choice(list(TITLES)), True, OPEN_VISIT_STAGES[j % len(OPEN_VISIT_STAGES)])
        for j in range(share["open_visits"])
    ]
    rows += [
        (rng.choice(list(TITLES)), False, OPEN_OTHER_STAGES[j % len(OPEN_OTHER_STAGES)])
        for j in range(share["open_others"])
    ]
    rows += [("urgent", False, "reopened") for _k in range(share["reopened"])]
    for index, (category, visit, stage) in enumerate(rows):
        venue = venues[index % len(venues)]
        pool = list(venue.members.all())
        unit.cases.append(
            Planned(
                category=category,
                venue=venue,
                member=rng.choice(pool) if visit else None,
                stage=stage,
                raised_on=day(rng, dt.date(2022, 1, 4), 0, 280),
                title=f"{venue.town.name}{rng.choice(TITLES[category])}",
            )
        )


def _raise(rng: random.Random, unit: Committee, planned: Planned) -> None:
    venue, on = planned.venue, planned.raised_on
    fields = {
        "category": planned.category,
        "title": planned.title,
        "place": venue.town.name,
        "description": "群众反映的问题，经委员之家受理后协商解决。",
    }
    if planned.member is None:
        planned.case = raise_case_by_convenor(
            actor=unit.staff,
            venue=venue,
            reporter_name="群众",
            source=rng.choice(OTHER_SOURCES),
            on=on,
            **fields,
        )
        return
    _contact, planned.case = record_contact(
        actor=planned.member.user,
        kind=rng.choice(CONTACT_KINDS),
        target=f"{venue.town.name}群众",
        town=venue.town,
        occurred_on=on,
        content=f"走访了解到：{planned.title}",
        case=fields,
    )
    if planned.stage != "raised":
        planned.case = accept_case(
            actor=unit.staff, case=planned.case, venue=venue, on=on + dt.timedelta(days=2)
        )


def _sessions(rng: random.Random, unit: Committee, count: int) -> list[list[Planned]]:
    """The consulted cases of each venue, in the order they were raised, grouped into that
    venue's share of the committee's sessions."""
    by_venue: dict[int, list[Planned]] = {}
    for planned in unit.cases:
        if planned.stage not in ("raised", "accepted"):
            by_venue.setdefault(planned.venue.pk, []).append(planned)
    venue_ids = sorted(by_venue)
    shares = largest_remainder(count, [len(by_venue[v]) for v in venue_ids])
    groups = []
    for venue_id, share in zip(venue_ids, shares, strict=True):
        cases = sorted(by_venue[venue_id], key=lambda p: p.raised_on)
        start = 0
        for size in largest_remainder(len(cases), [1] * share) if share else []:
            groups.append(cases[start : start + size])
            start += size
    return groups


def _hold(rng: random.Random, unit: Committee, group: list[Planned]) -> ConsultationSession:
    venue = group[0].venue
    held = day(rng, max(p.raised_on for p in group), 5, 15)
    first = group[0].title
    members = rng.sample(list(venue.members.all()), 2)
    session = hold_session(
        actor=unit.staff,
        venue=venue,
        title=f"{first}等问题一线协商会" if len(group) > 1 else f"{first}一线协商会",
        held_on=held,
        cases=[p.case for p in group],
        participants=[
            *(Participant(ParticipantKind.MEMBER, m.name, m.pk) for m in members),
            Participant(ParticipantKind.RESIDENT_REP, "群众代表"),
            Participant(ParticipantKind.DEPARTMENT, rng.choice(unit.units).name),
        ],
        minutes={
            "briefing": "有关部门通报情况。",
            "questions": "群众代表提问。",
            "answers": "部门负责人解答。",
            "speeches": "委员发言提出建议。",
        },
        consensus="形成协商共识，明确责任单位和完成时限。",
    )
    for planned in group:
        planned.session = session
    return session


def _follow_up(rng: random.Random, unit: Committee, planned: Planned) -> None:
    """After the session: the agreed action, and as far as the plan takes the case."""
    if planned.stage == "consulting":
        return
    session, staff = planned.session, unit.staff
    responsible = rng.choice(unit.units)
    action = agree_action(
        actor=staff,
        case=planned.case,
        description=f"落实{planned.title}整改",
        responsible_name="",
        responsible_unit=responsible,
        due_on=session.held_on + dt.timedelta(days=30),
        session=session,
        on=session.held_on,
    )
    if planned.stage == "acting":
        return
    done = day(rng, session.held_on, 10, 40)
    report_progress(actor=staff, action=action, note="已完成", done=True, on=done)
    rated = done + dt.timedelta(days=3)
    if planned.stage == "reopened":
        rate_case(
            actor=staff,
            case=planned.case,
            value="unsatisfied",
            comment="问题仍未解决",
            by_representatives=True,
            on=rated,
        )
        return
    if planned.stage == "none":
        return
    value = "satisfied" if rng.random() < SATISFIED_SHARE else "basic"
    rate_case(actor=staff, case=planned.case, value=value, by_representatives=True, on=rated)
    if planned.stage == "close":
        close_case(actor=staff, case=planned.case, on=rated + dt.timedelta(days=3))


def fill_year(world: DemoWorld) -> None:
    rng = world.rng
    units = []
    for share in _shares(world):
        committee = world.committees[share["code"]]
        unit = Committee(
            code=share["code"],
            staff=world.accounts[STAFF[share["code"]]],
            venues=list(
                Venue.objects.filter(committee=committee)
                .select_related("town", "committee")
                .prefetch_related(Prefetch("members", Member.objects.select_related("user")))
                .order_by("id")
            ),
            units=list(HandlingUnit.objects.filter(committee=committee).order_by("id")),
        )
        _plan_committee(rng, unit, share)
        unit.groups = _sessions(rng, unit, share["sessions"])
        units.append(unit)
    for unit in units:
        for planned in sorted(unit.cases, key=lambda p: p.raised_on):
            _raise(rng, unit, planned)
        for group in unit.groups:
            _hold(rng, unit, group)
            for planned in group:
                _follow_up(rng, unit, planned)
