"""Daily backups with retention: the newest backup of each of the last N days (and M months)
stays, older ones go, and a folder without a readable manifest is never deleted."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _backup_at(root, name: str, at: dt.datetime):
    folder = root / name
    folder.mkdir()
    manifest = {"created_at": at.isoformat(), "engine": "x", "tables": {}, "files": {}}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def _left(root) -> list[str]:
    return sorted(p.name for p in root.iterdir())


@pytest.fixture
def fortnight(tmp_path):
    """Two backups a day, 03:00 and 15:00 Shanghai time, from 20 November to 3 December."""
    start = dt.datetime(2026, 11, 20, 3, tzinfo=SHANGHAI)
    for day in range(14):
        for hour in (0, 12):
            at = start + dt.timedelta(days=day, hours=hour)
            _backup_at(tmp_path, at.strftime("zhengxie-%Y-%m-%dT%H"), at)
    return tmp_path


def test_the_newest_backup_of_each_of_the_last_days_is_kept(fortnight):
    # when
    call_command("prune_backups", str(fortnight), "--keep-days", "3")
    # then
    assert _left(fortnight) == [
        "zhengxie-2026-12-01T15", "zhengxie-2026-12-02T15", "zhengxie-2026-12-03T15",
    ]  # fmt: skip


def test_months_keep_the_newest_backup_of_each_month_too(fortnight):
    call_command("prune_backups", str(fortnight), "--keep-days", "2", "--keep-months", "2")
    assert _left(fortnight) == [
        "zhengxie-2026-11-30T15", "zhengxie-2026-12-02T15", "zhengxie-2026-12-03T15",
    ]  # fmt: skip


def test_days_without_a_backup_do_not_count(tmp_path):
    # given a timer that stopped for a week
    for day in (1, 2, 10):
        _backup_at(tmp_path, f"b{day:02}", dt.datetime(2026, 12, day, 3, tzinfo=SHANGHAI))
    # when
    call_command("prune_backups", str(tmp_path), "--keep-days", "2")
    # then the last two days that have a backup are kept, however far apart
    assert _left(tmp_path) == ["b02", "b10"]


def test_an_unfinished_or_foreign_folder_is_left_alone(fortnight):
    # given a backup still being written (no manifest yet) and one whose manifest is broken
    (fortnight / "zhengxie-2026-12-04T03").mkdir()
    (fortnight / "broken").mkdir()
    (fortnight / "broken" / "manifest.json").write_text("{")
    # when
    call_command("prune_backups", str(fortnight), "--keep-days", "1")
    # then
    assert _left(fortnight) == ["broken", "zhengxie-2026-12-03T15", "zhengxie-2026-12-04T03"]


def test_a_dry_run_deletes_nothing(fortnight, capsys):
    before = _left(fortnight)
    call_command("prune_backups", str(fortnight), "--keep-days", "1", "--dry-run")
    assert _left(fortnight) == before
    assert "would delete 27 backups" in capsys.readouterr().out


def test_keeping_no_day_is_refused(fortnight):
    before = _left(fortnight)
    with pytest.raises(CommandError, match="keep-days"):
        call_command("prune_backups", str(fortnight), "--keep-days", "0")
    assert _left(fortnight) == before


@pytest.mark.django_db(transaction=True)
def test_prunes_the_backups_the_backup_command_writes(tmp_path, settings):
    # given two real backups made the same day, on a new server whose upload folder the first
    # upload has not made yet
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "uploads")},
    }}  # fmt: skip
    root = tmp_path / "backups"
    for name in ("first", "second"):
        call_command("backup", "--output", str(root / name))
    # when one day is kept
    call_command("prune_backups", str(root), "--keep-days", "1")
    # then only the newer backup is left
    assert _left(root) == ["second"]
