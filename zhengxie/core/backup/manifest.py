"""What a backup holds, in numbers that a restore must reproduce exactly: each table's row count
and a checksum of its rows in primary-key order, and a checksum of each stored file."""

import datetime as dt
import decimal
import hashlib
import json
import uuid

from django.core.files.storage import Storage

CHUNK = 1 << 20


def table_figures(connection) -> dict[str, dict]:
    """{table: {"rows": n, "checksum": sha256}} for every table of the connection's database,
    read in the connection's current transaction."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        return {table: _table_figure(connection, cursor, table) for table in tables}


def _table_figure(connection, cursor, table: str) -> dict:
    quote = connection.ops.quote_name
    keys = connection.introspection.get_primary_key_columns(cursor, table) or []
    order = ", ".join(quote(k) for k in keys) or "1"
    cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order}")
    digest, rows = hashlib.sha256(), 0
    while batch := cursor.fetchmany(2000):
        for row in batch:
            digest.update(json.dumps([_plain(v) for v in row], ensure_ascii=False).encode())
            rows += 1
    return {"rows": rows, "checksum": digest.hexdigest()}


def _plain(value):
    """A value as the same text whichever driver returned it."""
    if isinstance(value, memoryview | bytes | bytearray):
        return bytes(value).hex()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def stored_names(storage: Storage, folder: str = "") -> list[str]:
    """Every file name in the storage, walking its folders. A file store that has not been
    written to yet (a new server's MEDIA_ROOT, made at the first upload) holds no files."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        if folder:
            raise
        return []
    names = [f"{folder}/{f}" if folder else f for f in files]
    for sub in folders:
        names += stored_names(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def file_checksum(handle) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def differences(expected: dict, found: dict) -> list[str]:
    """What a restore got wrong, one line per table or file, for the operator to read."""
    lines = []
    for kind in ("tables", "files"):
        want, got = expected.get(kind, {}), found.get(kind, {})
        for name in sorted(set(want) | set(got)):
            if want.get(name) != got.get(name):
                lines.append(
                    f"{kind[:-1]} {name}: expected {want.get(name)}, found {got.get(name)}"
                )
    return lines
