"""The province-scale bench world (generate_scale): deterministic for a seed, written with
bulk inserts only, so no history rows, no signals and no duty credits through the services."""

import random
from contextlib import contextmanager

from django.apps import apps
from django.db import connection, transaction

from . import activities, core, duty, grassroots, opinions, proposals
from .world import ScaleWorld, Sizes, reset_sequences

APPS = ["core", "proposals", "opinions", "activities", "grassroots", "duty"]
STEPS = [
    core.committees,
    core.terms_and_plenaries,
    core.dictionaries,
    core.members,
    proposals.proposals,
    opinions.reports,
    activities.activities,
    grassroots.cases,
    duty.ledger,
    duty.year_totals,
]


def generate(*, sizes: Sizes, seed: int = 2022, progress=None) -> dict[str, int]:
    """Builds the world in one transaction; returns how many of each record were made."""
    world = ScaleWorld(sizes=sizes, rng=random.Random(seed))
    with transaction.atomic(), _roomy_page_cache():
        for step in STEPS:
            step(world)
            if progress:
                progress(step.__name__)
        reset_sequences([m for label in APPS for m in apps.get_app_config(label).get_models()])
    _refresh_statistics()
    return world.counts


# SQLite's page cache is 2 MB by default. Two million ledger rows written under the ledger's
# eight indexes through it spill B-tree pages to disk and read them back over and over: 70 of
# the default run's 170 s were system time. The load gets a cache near the size of what it
# writes (allocated only as used) and gives the connection its own size back afterwards.
LOAD_CACHE_KIB = 400_000


@contextmanager
def _roomy_page_cache():
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _refresh_statistics() -> None:
    """Fresh planner statistics (and PostgreSQL's visibility map, for index-only scans), as
    autovacuum would leave them after a load this size."""
    statement = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    if connection.in_atomic_block:
        statement = "ANALYZE"  # VACUUM cannot run inside a transaction (tests wrap one)
    with connection.cursor() as cursor:
        cursor.execute(statement)
