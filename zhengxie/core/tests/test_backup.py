"""A backup of the demo world restores into an empty database and file store with every table's
rows and every file identical; a non-empty target is refused."""

import json
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.management import CommandError, call_command
from django.db import connections

from zhengxie.core.backup.archive import backup, restore
from zhengxie.core.backup.database import POSTGRES, BackupError, fresh_connection
from zhengxie.core.backup.manifest import table_figures


@pytest.fixture
def target_database(tmp_path):
    """Settings of an empty database of the suite's engine, dropped afterwards."""
    source = connections["default"].settings_dict
    if source["ENGINE"] != POSTGRES:
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"zhengxie_restore_{uuid.uuid4().hex[:8]}"
    _psql(source, f'CREATE DATABASE "{name}"')
    yield {**source, "NAME": name}
    _psql(source, f'DROP DATABASE IF EXISTS "{name}"')


def _psql(settings_dict, sql):
    with fresh_connection({**settings_dict, "NAME": "postgres"}) as connection:
        connection.set_autocommit(True)
        with connection.cursor() as cursor:
            cursor.execute(sql)


@pytest.mark.django_db(transaction=True)
def test_the_demo_world_round_trips_through_a_backup(demo_world, tmp_path, target_database):
    # given the demo world and an uploaded file
    default_storage.save("backup-check/报告.txt", ContentFile("委员履职报告".encode()))
    output = tmp_path / "backup"
    # when it is backed up and restored into an empty database and file store
    manifest = backup(
        settings_dict=connections["default"].settings_dict,
        storage=default_storage,
        output=output,
    )
    restored_files = InMemoryStorage()
    restore(folder=output, settings_dict=target_database, storage=restored_files)
    # then every table has the same rows and every file the same bytes
    with fresh_connection(target_database) as connection:
        assert table_figures(connection) == manifest["tables"]
    assert manifest["tables"]["proposals_proposal"]["rows"] > 100
    assert restored_files.open("backup-check/报告.txt").read() == "委员履职报告".encode()
    assert json.loads((output / "manifest.json").read_text())["files"] == manifest["files"]


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_a_database_that_has_tables_is_refused(city, tmp_path, target_database):
    output = tmp_path / "backup"
    backup(settings_dict=connections["default"].settings_dict, storage=InMemoryStorage(),
           output=output)  # fmt: skip
    restore(folder=output, settings_dict=target_database, storage=InMemoryStorage())
    with pytest.raises(BackupError, match="not empty"):
        restore(folder=output, settings_dict=target_database, storage=InMemoryStorage())


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_a_file_store_that_has_files_is_refused(city, tmp_path, target_database):
    output = tmp_path / "backup"
    backup(settings_dict=connections["default"].settings_dict, storage=InMemoryStorage(),
           output=output)  # fmt: skip
    occupied = InMemoryStorage()
    occupied.save("x.txt", ContentFile(b"x"))
    with pytest.raises(BackupError, match="file store is not empty"):
        restore(folder=output, settings_dict=target_database, storage=occupied)


@pytest.mark.django_db(transaction=True)
def test_a_tampered_backup_is_caught_by_its_manifest(city, tmp_path, target_database):
    output = tmp_path / "backup"
    files = InMemoryStorage()
    files.save("a.txt", ContentFile(b"original"))
    backup(settings_dict=connections["default"].settings_dict, storage=files, output=output)
    (output / "media" / "a.txt").write_bytes(b"changed")
    with pytest.raises(BackupError, match=r"file a\.txt"):
        restore(folder=output, settings_dict=target_database, storage=InMemoryStorage())


@pytest.mark.django_db
def test_the_command_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "--output", str(tmp_path))
