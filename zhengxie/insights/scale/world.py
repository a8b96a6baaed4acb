"""What the generator steps share: the seeded random source, the sizes asked for, and the ids
each step created for the steps after it."""

import contextlib
import datetime
import random
import sqlite3
from dataclasses import dataclass, field

from django.db import connection, models

YEAR = 2022
BATCH = 5000


@dataclass
class Sizes:
    committees: int = 120
    members: int = 40_000
    proposals: int = 60_000
    duty_records: int = 2_000_000
    cases: int = 200_000


@dataclass
class ScaleWorld:
    sizes: Sizes
    rng: random.Random
    committee_ids: list[int] = field(default_factory=list)
    term_of: dict[int, int] = field(default_factory=dict)
    plenary_of: dict[int, int] = field(default_factory=dict)
    sectors_of: dict[int, list[int]] = field(default_factory=dict)
    towns_of: dict[int, list[int]] = field(default_factory=dict)
    venues_of: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    units_of: dict[int, list[int]] = field(default_factory=dict)
    members_of: dict[int, list[int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def day(self, first: int = 1, last: int = 365) -> datetime.date:
        """A day of the bench year, between the first-th and last-th day."""
        return datetime.date(YEAR, 1, 1) + datetime.timedelta(
            days=self.rng.randint(first, last) - 1
        )

    def spread(self, total: int) -> list[int]:
        """total split over the committees: cities (every tenth) carry twice a county's share."""
        weights = [2 if i in self.city_positions else 1 for i in range(len(self.committee_ids))]
        whole = sum(weights)
        shares = [total * w // whole for w in weights]
        shares[0] += total - sum(shares)
        return shares


def insert(model: type[models.Model], rows: list[models.Model]) -> list[models.Model]:
    """Bench rows go in with bulk_create only: no history rows, no signals."""
    return model.objects.bulk_create(rows, batch_size=BATCH)


@contextlib.contextmanager
def wide_batches():
    """Django assumes SQLite's old limit of 999 parameters a statement (ninety ledger rows);
    the linked SQLite tells its real limit, so each INSERT carries thousands of rows."""
    features = connection.features
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    saved = features.max_query_params
    features.max_query_params = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    try:
        yield
    finally:
        features.max_query_params = saved
