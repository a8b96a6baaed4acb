"""A lighter year of grassroots cases for the demo's past years, played through the services
the venue pages call: each case is raised at a venue, consulted at a session, its measures
agreed and done, rated by the residents' representatives and closed, on the days they took
place (`on`), so the year's figures come out of the records."""

import datetime as dt
import random
from dataclasses import dataclass

from zhengxie.core.models import Committee, HandlingUnit, User, Venue

from .demo_volume import OTHER_SOURCES, TITLES
from .models import Case, ParticipantKind
from .services.actions import agree_action, report_progress
from .services.cases import close_case, raise_case_by_convenor, rate_case
from .services.sessions import Participant, hold_session


@dataclass(frozen=True)
class CasePlan:
    """A committee's year of cases, as inputs."""

    cases_per_venue: int  # problems each venue took up in the year
    open_share: float  # of them, still being consulted at the year's end
    basic_share: float  # of those closed, rated 基本满意 rather than 满意


def _raise(actor: User, venue: Venue, rng: random.Random, year: int) -> Case:
    category = rng.choice(list(TITLES))
    return raise_case_by_convenor(
        actor=actor,
        venue=venue,
        category=category,
        title=f"{venue.town.name}{rng.choice(TITLES[category])}",
        description="群众反映的问题，经委员之家受理后协商解决。",
        place=venue.town.name,
        reporter_name="群众代表",
        source=rng.choice(OTHER_SOURCES),
        on=dt.date(year, 1, 15) + dt.timedelta(days=rng.randrange(250)),
    )


def _consult(actor: User, venue: Venue, case: Case, unit: HandlingUnit, on: dt.date):
    members = [
        Participant(ParticipantKind.MEMBER, m.name, m.pk) for m in venue.members.order_by("id")[:2]
    ]
    return hold_session(
        actor=actor,
        venue=venue,
        title=f"{case.title}一线协商会",
        held_on=on,
        cases=[case],
        participants=[
            *members,
            Participant(ParticipantKind.RESIDENT_REP, "群众代表"),
            Participant(ParticipantKind.DEPARTMENT, unit.name),
        ],
        minutes={"briefing": "有关部门通报情况。", "speeches": "委员发言提出建议。"},
        consensus="形成协商共识，明确责任单位和完成时限。",
    )


def _resolve(actor: User, case: Case, session, unit: HandlingUnit, rated: str) -> None:
    held = session.held_on
    action = agree_action(
        actor=actor,
        case=case,
        description=f"落实{case.title}",
        responsible_name="",
        responsible_unit=unit,
        due_on=held + dt.timedelta(days=60),
        session=session,
        on=held,
    )
    done = held + dt.timedelta(days=30)
    report_progress(actor=actor, action=action, note="已完成并经群众代表验收", done=True, on=done)
    rate_case(
        actor=actor,
        case=case,
        value=rated,
        comment="问题解决了",
        on=done + dt.timedelta(days=5),
        by_representatives=True,
    )
    close_case(actor=actor, case=case, on=done + dt.timedelta(days=8))


def play_cases(
    *, committee: Committee, actor: User, plan: CasePlan, year: int, rng: random.Random
) -> int:
    """Plays the committee's year; returns how many cases were raised."""
    venues = list(
        Venue.objects.filter(committee=committee).select_related("town", "committee").order_by("id")
    )
    units = list(HandlingUnit.objects.filter(committee=committee).order_by("id"))
    cases = [(v, _raise(actor, v, rng, year)) for v in venues for _n in range(plan.cases_per_venue)]
    still_open = round(len(cases) * plan.open_share)
    for index, (venue, case) in enumerate(cases):
        unit = rng.choice(units)
        session = _consult(actor, venue, case, unit, case.raised_on + dt.timedelta(days=12))
        if index >= still_open:
            rated = "basic" if rng.random() < plan.basic_share else "satisfied"
            _resolve(actor, case, session, unit, rated)
    return len(cases)
