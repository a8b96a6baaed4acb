"""Inserting many new records with their history rows in plain SQL, for imports.

`bulk_create` and simple-history's `bulk_history_create` build a second model instance per
history row and pass every value of both through the query compiler: for a 10,000-row
proposal register that was most of the import's time. Here each value is prepared once and
written to the record's table and to its history table; the history row says what was
created ("+"), when, by whom and why, as simple-history's own would."""

import sqlite3

from django.db import connection
from django.db.models import Model
from django.utils import timezone

ROWS_PER_STATEMENT = 500
# psycopg sends at most 65,535 parameters with one statement.
POSTGRES_PARAMETERS = 65_535
HISTORY_ID = "history_id"
HISTORY_OWN = ("history_date", "history_change_reason", "history_type", "history_user_id")


def _parameter_limit() -> int:
    """SQLite's limit is the library's own (32,766 since 3.32), not Django's cautious 999."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    if connection.vendor == "postgresql":
        return POSTGRES_PARAMETERS
    return connection.features.max_query_params or POSTGRES_PARAMETERS


def _batches(rows: list, columns: int):
    size = max(1, min(ROWS_PER_STATEMENT, _parameter_limit() // columns))
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert_sql(table: str, columns: list[str], rows: int, returning: str = "") -> str:
    quote = connection.ops.quote_name
    one = f"({', '.join(['%s'] * len(columns))})"
    sql = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES "
    return sql + ", ".join([one] * rows) + (f" RETURNING {quote(returning)}" if returning else "")


def _insert_records(model: type[Model], objects: list[Model]) -> list[list]:
    """Inserts the records, sets their keys; returns each one's prepared values."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    values = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objects
    ]
    columns, pk = [f.column for f in fields], model._meta.pk
    keys = []
    with connection.cursor() as cursor:
        for batch in _batches(values, len(columns)):
            sql = _insert_sql(model._meta.db_table, columns, len(batch), returning=pk.column)
            cursor.execute(sql, [value for row in batch for value in row])
            keys += [row[0] for row in cursor.fetchall()]
    for obj, key in zip(objects, keys, strict=True):
        setattr(obj, pk.attname, key)
        obj._state.adding, obj._state.db = False, connection.alias
    return [
        [pk.get_db_prep_save(obj.pk, connection), *row]
        for obj, row in zip(objects, values, strict=True)
    ]


def _history_sources(model: type[Model], history: type[Model]) -> tuple[list, list]:
    """For each history column: the index of the record's value it copies, or its own value's
    name. A history field this writer does not know fails loudly rather than stays empty."""
    record = [model._meta.pk, *(f for f in model._meta.concrete_fields if not f.primary_key)]
    positions = {f.attname: n for n, f in enumerate(record)}
    sources = []
    for field in history._meta.concrete_fields:
        if field.attname == HISTORY_ID:
            continue
        if field.attname in positions:
            sources.append(positions[field.attname])
        elif field.attname in HISTORY_OWN:
            sources.append(field.attname)
        else:
            raise ValueError(f"{history.__name__}.{field.attname}: no value for a bulk insert")
    return [f for f in history._meta.concrete_fields if f.attname != HISTORY_ID], sources


def insert_with_history(
    model: type[Model], objects: list[Model], *, reason: str, user_id: int | None = None
) -> None:
    """Inserts new, unsaved records of `model` and one "+" history row each, in the caller's
    transaction; the objects get their keys."""
    if not objects:
        return
    rows = _insert_records(model, objects)
    history = model.history.model
    fields, sources = _history_sources(model, history)
    when = timezone.now()
    own = {
        "history_date": history._meta.get_field("history_date").get_db_prep_save(when, connection),
        "history_change_reason": reason,
        "history_type": "+",
        "history_user_id": user_id,
    }
    history_rows = [
        [row[source] if isinstance(source, int) else own[source] for source in sources]
        for row in rows
    ]
    columns = [f.column for f in fields]
    with connection.cursor() as cursor:
        for batch in _batches(history_rows, len(columns)):
            sql = _insert_sql(history._meta.db_table, columns, len(batch))
            cursor.execute(sql, [value for row in batch for value in row])
