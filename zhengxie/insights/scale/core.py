"""The province: city committees with their county children, a term and a 2022 plenary each,
sectors, towns, venues, handling units and the members."""

import datetime

from zhengxie.core.models import (
    Committee,
    CommitteeLevel,
    Gender,
    HandlingUnit,
    Member,
    Plenary,
    Sector,
    Term,
    Town,
    Venue,
    VenueKind,
)

from .world import YEAR, ScaleWorld, insert

COUNTIES_PER_CITY = 11
SECTORS = [
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "无党派",
    "工商联",
]
TOWNS_PER_COMMITTEE = 12
VENUES_PER_TOWN = 3
UNITS_PER_COMMITTEE = 40


def committees(world: ScaleWorld) -> None:
    total = world.sizes.committees
    cities = max(1, total // (COUNTIES_PER_CITY + 1))
    rows = [
        Committee(
            code=f"city{c}", name=f"第{c}市政协", short_name=f"市{c}", level=CommitteeLevel.CITY
        )
        for c in range(cities)
    ]
    parents = insert(Committee, rows)
    counties = [
        Committee(
            code=f"county{n}",
            name=f"第{n}县政协",
            short_name=f"县{n}",
            level=CommitteeLevel.COUNTY,
            parent=parents[n % cities],
        )
        for n in range(total - cities)
    ]
    created = parents + insert(Committee, counties)
    world.committee_ids = [c.pk for c in created]
    world.city_positions = set(range(cities))
    world.counts["committees"] = len(created)


def terms_and_plenaries(world: ScaleWorld) -> None:
    terms = insert(
        Term,
        [
            Term(committee_id=cid, number=5, start_year=2021, end_year=2026, is_current=True)
            for cid in world.committee_ids
        ],
    )
    world.term_of = {t.committee_id: t.pk for t in terms}
    opens = datetime.date(YEAR, 1, 10)
    plenaries = [
        Plenary(
            committee_id=cid,
            term_id=world.term_of[cid],
            session=2,
            code="5-2",
            name=f"五届二次会议（{YEAR}）",
            opens_on=opens,
            closes_on=opens + datetime.timedelta(days=3),
            intake_opens_on=opens - datetime.timedelta(days=30),
            intake_closes_on=opens + datetime.timedelta(days=2),
        )
        for cid in world.committee_ids
    ]
    world.plenary_of = {p.committee_id: p.pk for p in insert(Plenary, plenaries)}


def _named(world: ScaleWorld, model, names: list[str], **extra) -> dict[int, list]:
    rows = [
        model(committee_id=cid, name=name, sort_order=i, **extra)
        for cid in world.committee_ids
        for i, name in enumerate(names)
    ]
    found: dict[int, list] = {}
    for row in insert(model, rows):
        found.setdefault(row.committee_id, []).append(row.pk)
    return found


def dictionaries(world: ScaleWorld) -> None:
    world.sectors_of = _named(world, Sector, SECTORS)
    towns = [f"第{i}镇街" for i in range(TOWNS_PER_COMMITTEE)]
    world.towns_of = _named(world, Town, towns)
    world.units_of = _named(
        world, HandlingUnit, [f"承办单位{i}" for i in range(UNITS_PER_COMMITTEE)]
    )
    kinds = list(VenueKind.values)
    venues = [
        Venue(committee_id=cid, town_id=town, name=f"场所{t}-{v}", kind=kinds[v % len(kinds)])
        for cid in world.committee_ids
        for t, town in enumerate(world.towns_of[cid])
        for v in range(VENUES_PER_TOWN)
    ]
    for venue in insert(Venue, venues):
        world.venues_of.setdefault(venue.committee_id, []).append((venue.pk, venue.town_id))
    world.counts["venues"] = len(venues)


def members(world: ScaleWorld) -> None:
    rng, rows = world.rng, []
    for cid, share in zip(world.committee_ids, world.spread(world.sizes.members), strict=True):
        for _ in range(share):
            n = len(rows)
            rows.append(
                Member(
                    committee_id=cid,
                    term_id=world.term_of[cid],
                    name=f"委员{n:05d}",
                    mobile=f"139{n:08d}",
                    gender=Gender.FEMALE if rng.random() < 0.3 else Gender.MALE,
                    sector_id=rng.choice(world.sectors_of[cid]),
                    town_id=rng.choice(world.towns_of[cid]) if rng.random() < 0.9 else None,
                    is_standing=rng.random() < 0.12,
                    is_active=rng.random() < 0.97,
                )
            )
    # Later steps draw authors and attendees from the serving members only.
    for member in insert(Member, rows):
        if member.is_active:
            world.members_of.setdefault(member.committee_id, []).append(member.pk)
    world.counts["members"] = len(rows)
