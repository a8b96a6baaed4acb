"""Demo proposals: the city's first plenary of the fifth term (2022) as the work review tells
it — 170 registered, all answered and rated, 14 key proposals led by city party and government
leaders and 9 by chair-meeting members — plus declined, merged and converted ones, the
counties' own first plenaries (2022, 100 registered each: the city's figures are its own 170,
a city-with-counties roll-up adds the counties'), and a few current proposals to click
through. Texts are real proposals (Jiangsu 2019, units and places renamed) carried in
demo_data/."""

import itertools

from django.db import transaction

from zhengxie.core.demo import DemoWorld

from .data import load_rows
from .plenary import PlenaryPlan, seed_plenary
from .today import seed_current

CITY_PLAN = PlenaryPlan(
    registered=170,
    merged=8,
    declined=6,
    to_opinion=5,
    to_letter=3,
    withdrawn=2,
    key_party_gov=14,
    key_chair=9,
    redo=3,
)
COUNTY_PLAN = PlenaryPlan(
    registered=100,
    merged=1,
    declined=2,
    to_opinion=1,
    to_letter=0,
    withdrawn=0,
    key_party_gov=2,
    key_chair=1,
    redo=1,
)


def seed(world: DemoWorld) -> None:
    # One transaction: a commit per step would spend most of the time waiting for the disk.
    with transaction.atomic():
        _seed(world)


def _seed(world: DemoWorld) -> None:
    rows = cycled(world_rows(world))
    seed_plenary(world, "suizhou", CITY_PLAN, rows)
    for code in ("zengdu", "suixian", "guangshui"):
        seed_plenary(world, code, COUNTY_PLAN, rows)
    seed_current(world, rows)
    world.notes.append("提案：市政协五届一次会议立案170件，均已办复并评价；重点提案14+9件")


def world_rows(world: DemoWorld) -> list[dict]:
    rows = load_rows()
    world.rng.shuffle(rows)
    return rows


def cycled(rows: list[dict]):
    """The texts in turn, again from the start once used up: the counties' registers reuse
    texts the city's holds (each committee's own register never repeats one)."""
    return itertools.cycle(rows)
