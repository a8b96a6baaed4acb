"""2022 opinion reports for the demo world: most members of the four committees report one
piece (the review's 五个一 asks each member for one a year); the offices adopt, combine the
adopted ones into issues of 《社情民意》, send the best up the ladder and record instructions.

The year is a plan per committee (`OpinionPlan`) played through the services and the workflow
(`demo_year.play_year`): every report, decision, issue, escalation and instruction is made by the
function the web views call, so numbering, history and duty credits are real."""

import random

from zhengxie.core.demo import DemoWorld, demo_office
from zhengxie.core.models import Committee, Member, User

from .demo_year import Desk, OpinionPlan, play_year
from .models import OpinionState

CITY_PLAN = OpinionPlan(
    reporting_share=0.87,  # most, not all, members report in the year
    co_signed_share=0.1,
    body_reports=3,
    issues=12,
    singles=3,
    pending=4,
    escalations={"city": 18, "provincial": 8, "national": 3},
    upper_adopted_share=0.7,
    instructions={"city": 8, "provincial": 3, "national": 1},
)
# A county's adopted reports go up to the city level now and then.
COUNTY_PLAN = OpinionPlan(
    reporting_share=0.87,
    co_signed_share=0.1,
    body_reports=3,
    issues=6,
    singles=1,
    pending=4,
    escalations={"city": 2},
    upper_adopted_share=0.0,
    instructions={},
)
# The demo accounts' own reports take set outcomes: one adopted, one returned.
FEATURED = {"member": OpinionState.ADOPTED, "member2": OpinionState.RETURNED}


def office_of(world: DemoWorld, code: str, committee: Committee) -> User:
    """The information office account of each committee (信息科), made once by the platform's
    administrator with the demo's shared password."""
    return demo_office(
        world,
        f"{code}_info",
        committee,
        name=f"{committee.display_name} 信息科编辑",
        department="信息科",
    )


def featured_members(world: DemoWorld) -> dict[int, str]:
    """member pk -> the outcome their demo account's report takes."""
    featured = {}
    for key, state in FEATURED.items():
        member = getattr(world.accounts.get(key), "member", None)
        if member is not None:
            featured[member.pk] = state
    return featured


def desk_for(world: DemoWorld, code: str, rng: random.Random) -> Desk:
    committee = world.committees[code]
    members = list(Member.objects.filter(committee=committee).select_related("user").order_by("id"))
    return Desk(
        committee=committee,
        office=office_of(world, code, committee),
        members=members,
        year=world.year,
        rng=rng,
    )


def seed(world: DemoWorld) -> None:
    # Its own stream: a change to this year's plan leaves the later demo steps' records as
    # they were.
    rng = random.Random(world.rng.random())
    for code in world.committees:
        desk = desk_for(world, code, rng)
        desk.featured = featured_members(world)
        play_year(desk, CITY_PLAN if code == "suizhou" else COUNTY_PLAN)
