"""The demo's previous year, lighter: 2021, the last year of the fourth term, so the review's
year-on-year comparison reads real records. Each committee's fourth term and its 四届五次会议
(January 2021), the proposals of that plenary handled through the proposals workflow, and the
year's meetings, consultations, research with its reports and study sessions held through the
activities services, a lighter year of opinion reports through the opinions workflow and of
grassroots cases through the venue services, every act dated the day it took place. It draws
from its own random stream, so the 2022 records stay as they were."""

import dataclasses
import datetime as dt
import random

from zhengxie.activities.demo_data import REPORTS, STUDY_TOPICS
from zhengxie.activities.demo_holding import SMALL_GROUP, DemoCommittee, hold, record_report
from zhengxie.activities.models import InvitationSource
from zhengxie.grassroots.demo_year import CasePlan, play_cases
from zhengxie.opinions.demo import desk_for, featured_members
from zhengxie.opinions.demo_year import OpinionPlan, play_year
from zhengxie.proposals.demo import cycled, world_rows
from zhengxie.proposals.demo.plenary import PlenaryPlan, seed_plenary

from .demo import DemoWorld
from .models import Plenary
from .services.sessions import PlenaryFields, TermFields, add_plenary, add_term

YEAR = 2021
SEED = 2021

# The plan, as inputs: what each committee registered and held in 2021.
CITY_PLAN = PlenaryPlan(
    registered=60,
    merged=3,
    declined=2,
    to_opinion=0,
    to_letter=1,
    withdrawn=1,
    key_party_gov=6,
    key_chair=4,
    redo=1,
)
COUNTY_PLAN = PlenaryPlan(
    registered=15,
    merged=1,
    declined=1,
    to_opinion=0,
    to_letter=0,
    withdrawn=0,
    key_party_gov=1,
    key_chair=1,
    redo=0,
)
# Per committee: research and inspection reports, consultations, study sessions.
VOLUMES = {"suizhou": (6, 2, 8), "zengdu": (2, 1, 4), "suixian": (2, 1, 4), "guangshui": (2, 1, 4)}
# Half the members reported a piece in the fourth term's last year; fewer issues and
# escalations than 2022's.
CITY_OPINIONS = OpinionPlan(
    reporting_share=0.5,
    co_signed_share=0.1,
    body_reports=1,
    issues=8,
    singles=2,
    pending=0,
    escalations={"city": 8, "provincial": 3, "national": 1},
    upper_adopted_share=0.6,
    instructions={"city": 3, "provincial": 1},
)
COUNTY_OPINIONS = OpinionPlan(
    reporting_share=0.5,
    co_signed_share=0.1,
    body_reports=1,
    issues=3,
    singles=1,
    pending=0,
    escalations={"city": 1},
    upper_adopted_share=0.0,
    instructions={},
)
# 协商在一线 began in 2021 with one problem per venue.
CASES = CasePlan(cases_per_venue=1, open_share=0.1, basic_share=0.2)


def _fourth_plenary(world: DemoWorld, code: str) -> Plenary:
    """The fourth term and its last plenary, entered by the administrator after the fact."""
    committee, admin = world.committees[code], world.accounts["admin"]
    term = add_term(
        actor=admin,
        committee=committee,
        data=TermFields(number=4, start_year=2016, end_year=YEAR, is_current=False),
    )
    data = PlenaryFields(
        term=term,
        session=5,
        code="4-5",
        name=f"{committee.short_name}四届五次会议",
        opens_on=dt.date(YEAR, 1, 5),
        closes_on=dt.date(YEAR, 1, 8),
        intake_opens_on=dt.date(YEAR - 1, 12, 1),
        intake_closes_on=dt.date(YEAR, 1, 7),
    )
    return add_plenary(actor=admin, committee=committee, data=data)


def _activities(group: DemoCommittee, plenary: Plenary) -> None:
    reports, consultations, studies = VOLUMES[group.committee.code]
    hold(
        group,
        code="plenary",
        title=plenary.name,
        day=plenary.opens_on,
        hours=8,
        invitees=group.members,
        present_share=0.93,
        source=InvitationSource.COMMITTEE,
    )
    hold(
        group,
        code="standing",
        title=f"{group.committee.display_name}四届常委会第二十次会议",
        day=dt.date(YEAR, 6, 18),
        invitees=[m for m in group.members if m.is_standing],
        present_share=0.9,
        source=InvitationSource.STANDING,
    )
    for index in range(consultations):
        hold(
            group,
            code="bimonthly",
            title=f"双月协商座谈会（{YEAR}年第{index + 1}次）",
            day=dt.date(YEAR, 4 + 4 * index, 22),
            invitees=group.sample(30),
            present_share=0.9,
        )
    for index, (code, title) in enumerate(REPORTS[-reports:]):
        day = dt.date(YEAR, 4 + index % 8, 10 + index % 15)
        activity, present = hold(
            group, code=code, title=title, day=day, invitees=group.sample(SMALL_GROUP)
        )
        record_report(group.committee, activity, code=code, title=title, day=day, present=present)
    for index in range(studies):
        hold(
            group,
            code="study",
            title=f"{STUDY_TOPICS[index % len(STUDY_TOPICS)]}（{YEAR}年第{index + 1}期）",
            day=dt.date(YEAR, 2 + index % 10, 12),
            invitees=group.sample(SMALL_GROUP),
            present_share=0.9,
            hours=2,
        )


def seed(world: DemoWorld) -> None:
    past = dataclasses.replace(world, rng=random.Random(SEED), year=YEAR)
    rows = cycled(world_rows(past))
    for code, committee in world.committees.items():
        plenary = _fourth_plenary(past, code)
        seed_plenary(past, code, CITY_PLAN if code == "suizhou" else COUNTY_PLAN, rows, plenary)
        _activities(DemoCommittee(past, committee), plenary)
        _opinions(past, code)
        play_cases(
            committee=committee, actor=world.accounts["admin"], plan=CASES, year=YEAR, rng=past.rng
        )
    world.notes.append(
        f"{YEAR}年（四届末年）：提案、会议、协商、调研视察、学习活动、社情民意和基层协商，供同比"
    )


def _opinions(past: DemoWorld, code: str) -> None:
    """The demo accounts' members write nothing in 2021: their pages show their one 2022
    report."""
    desk = desk_for(past, code, past.rng)
    desk.excluded = set(featured_members(past))
    play_year(desk, CITY_OPINIONS if code == "suizhou" else COUNTY_OPINIONS)
