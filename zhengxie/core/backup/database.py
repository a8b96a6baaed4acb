"""The database part of a backup, per engine: PostgreSQL through pg_dump/pg_restore on an
exported snapshot (the manifest is read from the same snapshot), SQLite through its online
backup API (the manifest is read from the copy)."""

import contextlib
import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.db.utils import ConnectionHandler

from .manifest import table_figures

POSTGRES = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


def dump_file(engine: str) -> str:
    return "database.dump" if engine == POSTGRES else "database.sqlite3"


@contextlib.contextmanager
def fresh_connection(settings_dict: dict):
    """A connection of its own, so the snapshot is not mixed with the caller's transaction."""
    handler = ConnectionHandler({"default": dict(settings_dict)})
    connection = handler["default"]
    try:
        yield connection
    finally:
        connection.close()


def dump(settings_dict: dict, folder: Path) -> dict:
    """Writes the database into folder; returns the table figures of what was written."""
    engine = settings_dict["ENGINE"]
    if engine == POSTGRES:
        return _dump_postgres(settings_dict, folder / dump_file(engine))
    if engine == SQLITE:
        return _dump_sqlite(folder / dump_file(engine))
    raise BackupError(f"backups support PostgreSQL and SQLite, not {engine}")


def _dump_postgres(settings_dict: dict, target: Path) -> dict:
    with fresh_connection(settings_dict) as connection, connection.cursor() as cursor:
        connection.set_autocommit(False)
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(target)],
             settings_dict)  # fmt: skip
        figures = table_figures(connection)
        connection.rollback()
    return figures


def _dump_sqlite(target: Path) -> dict:
    """The default connection's database, copied page by page while others may write."""
    source = connections["default"]
    if source.in_atomic_block:
        # The copy would wait forever for the transaction's own write lock.
        raise BackupError("a SQLite backup must run outside a transaction")
    source.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        source.connection.backup(copy)
    finally:
        copy.close()
    return sqlite_figures(target)


def sqlite_figures(path: Path) -> dict:
    with fresh_connection({"ENGINE": SQLITE, "NAME": str(path)}) as connection:
        return table_figures(connection)


def load(settings_dict: dict, folder: Path, *, force: bool) -> dict:
    """Restores the dump into the database settings_dict names; returns its table figures."""
    engine = settings_dict["ENGINE"]
    source = folder / dump_file(engine)
    if not source.exists():
        raise BackupError(f"{source} is missing: the backup was taken from another engine")
    with fresh_connection(settings_dict) as connection:
        if not force and _has_tables(connection):
            raise BackupError(
                "the target database is not empty; restore into an empty one or pass --force"
            )
    if engine == POSTGRES:
        clean = ["--clean", "--if-exists"] if force else []
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *clean,
              "--dbname", settings_dict["NAME"], str(source)], settings_dict)  # fmt: skip
    else:
        _load_sqlite(source, Path(settings_dict["NAME"]))
    with fresh_connection(settings_dict) as connection:
        return table_figures(connection)


def _load_sqlite(source: Path, target: Path) -> None:
    backup, restored = sqlite3.connect(source), sqlite3.connect(target)
    try:
        backup.backup(restored)
    finally:
        backup.close()
        restored.close()


def _has_tables(connection) -> bool:
    with connection.cursor() as cursor:
        return bool(connection.introspection.table_names(cursor))


def _run(command: list[str], settings_dict: dict) -> None:
    """Runs a PostgreSQL client tool against the configured server, password via PGPASSWORD."""
    env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            command += [flag, str(settings_dict[key])]
    if command[0] == "pg_dump":
        command.append(settings_dict["NAME"])
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")
