"""What the generator steps share: the seeded random source, the sizes asked for, and the ids
each step created for the steps after it."""

import datetime
import itertools
import random
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

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
    """Bench rows go in with explicit ids, a batch at a time through write_rows, the table's
    keys checked once after them: no history rows, no signals, and none of bulk_create's
    per-value compilation (most of its time at this size)."""
    fields = model._meta.concrete_fields
    next_id = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    for offset, row in enumerate(rows):
        row.pk = next_id + offset
    insert_tuples(
        model, [f.attname for f in fields], ([getattr(r, f.attname) for f in fields] for r in rows)
    )
    return rows


def _preparer(field: models.Field, now):
    """Only dates, times, JSON and decimals need the backend's conversion; the rest go as is."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = field.get_db_prep_save(now, connection)
        return lambda _v: value
    if isinstance(field, (models.DateField, models.JSONField, models.DecimalField)):
        return lambda v: field.get_db_prep_save(v, connection)
    return None


def insert_tuples(model: type[models.Model], attnames: list[str], rows) -> None:
    fields = [model._meta.get_field(name) for name in attnames]
    now = timezone.now()
    preparers = [(i, p) for i, f in enumerate(fields) if (p := _preparer(f, now))]
    columns = [f.column for f in fields]
    with connection.cursor() as cursor, constraints_checked_after(model):
        for batch in _chunks(rows):
            values = [list(row) for row in batch]
            for row in values:
                for i, prepare in preparers:
                    row[i] = prepare(row[i])
            write_rows(cursor, model._meta.db_table, columns, values)


def _chunks(rows):
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, BATCH)):
        yield chunk


def reset_sequences(models_written: list[type[models.Model]]) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; point them past the rows."""
    statements = connection.ops.sequence_reset_sql(no_style(), models_written)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def temp_table(cursor, name: str, columns: dict[str, str], rows) -> str:
    """A temporary lookup table (pos, *columns) keyed by pos, loaded from (pos, ...) tuples.
    Returns its name, for the caller to drop."""
    spec = ", ".join(f"{column} {kind}" for column, kind in columns.items())
    # On SQLite only "integer primary key" is the rowid itself; PostgreSQL needs the width.
    pos = "bigint" if connection.vendor == "postgresql" else "integer"
    cursor.execute(f"CREATE TEMPORARY TABLE {name} (pos {pos} PRIMARY KEY, {spec})")
    write_rows(cursor, name, ["pos", *columns], rows)
    return name


def write_rows(cursor, table: str, columns: list[str], rows) -> None:
    """The rows into the table: one COPY stream on PostgreSQL, which the server neither parses
    nor plans per row where an INSERT per row is both (most of the cases' load time); one
    executemany of INSERTs on SQLite, which has no COPY."""
    quote = connection.ops.quote_name
    into = f"{quote(table)} ({', '.join(quote(column) for column in columns)})"
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {into} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {into} VALUES ({marks})", list(rows))


@contextmanager
def indexes_built_after(model: type[models.Model]):
    """The table's secondary indexes dropped for a bulk load and built again after it, in the
    caller's transaction: building an index from the loaded rows is one sort, where keeping it
    current costs a random B-tree insert per row per index (eight on the duty ledger). Indexes
    that back a constraint (the key, a unique constraint on PostgreSQL) stay."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        indexes = _secondary_indexes(cursor, table)
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The load's deferred key checks must run before an index is built on the table.
            run_pending_key_checks(cursor)
        for _name, definition in indexes:
            cursor.execute(definition)


@contextmanager
def constraints_checked_after(model: type[models.Model]):
    """PostgreSQL: the table's foreign keys and unique constraints dropped for a bulk load and
    added back after it, in the caller's transaction, under their names and with their
    definitions. Adding a key checks the loaded rows in one join, where keeping it queues a
    trigger check per row (six million on the duty ledger); a unique constraint comes back as
    one sorted index build instead of a random B-tree insert per row. SQLite can drop neither,
    and looks its keys up in-process as a row goes in, with no queue."""
    if connection.vendor != "postgresql":
        yield
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY conname",
            [model._meta.db_table],
        )
        constraints = cursor.fetchall()
        # Dropping a key touches the table it references, which must have no checks pending.
        run_pending_key_checks(cursor)
        for name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for name, definition in constraints:
            quoted = connection.ops.quote_name(name)
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quoted} {definition}")


def run_pending_key_checks(cursor) -> None:
    """PostgreSQL: run the transaction's deferred key checks now (they would run at commit)
    and defer the later ones again."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _secondary_indexes(cursor, table: str) -> list[tuple[str, str]]:
    """(name, the statement that creates it) of each index on the table no constraint owns."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "JOIN pg_class c ON c.relname = i.indexname "
            "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = i.schemaname "
            "WHERE i.tablename = %s AND i.schemaname = current_schema() "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid) "
            "ORDER BY i.indexname",
            [table],
        )
    else:  # SQLite's own indexes (a key, an inline UNIQUE) have no statement and stay
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL ORDER BY name",
            [table],
        )
    return cursor.fetchall()
