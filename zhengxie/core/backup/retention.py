"""Which backups to keep: the newest of each of the last `days` days that have one, and the
newest of each of the last `months` months that have one; every other complete backup goes.

Days are counted among days that have a backup, not on the calendar: when the timer stopped
for a week, the week before it is still kept rather than pruned as old. A folder without a
readable manifest is never touched: it is a backup still being written, one that failed
half-way (the operator reads why in the journal), or not a backup at all.
"""

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from .archive import read_manifest
from .database import BackupError


@dataclass(frozen=True)
class Backup:
    folder: Path
    created_at: dt.datetime


def complete_backups(root: Path) -> list[Backup]:
    """The backups under root whose manifest reads, newest first."""
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            created_at = dt.datetime.fromisoformat(read_manifest(folder)["created_at"])
        except (BackupError, KeyError, TypeError, ValueError):
            continue
        found.append(Backup(folder, created_at))
    return sorted(found, key=lambda backup: backup.created_at, reverse=True)


def _newest_per_period(backups: list[Backup], period, count: int) -> set[Path]:
    kept: dict[object, Path] = {}
    for backup in backups:  # newest first, so the first of each period is its newest
        key = period(timezone.localtime(backup.created_at))
        if key not in kept and len(kept) < count:
            kept[key] = backup.folder
    return set(kept.values())


def backups_to_prune(backups: list[Backup], *, days: int, months: int = 0) -> list[Backup]:
    """The backups outside the retention, oldest first; `days` must be at least 1, so the
    newest backup always stays."""
    if days < 1:
        raise BackupError("keep at least one day's backup (--keep-days 1 or more)")
    newest = sorted(backups, key=lambda backup: backup.created_at, reverse=True)
    kept = _newest_per_period(newest, lambda at: at.date(), days)
    kept |= _newest_per_period(newest, lambda at: (at.year, at.month), months)
    return [backup for backup in reversed(newest) if backup.folder not in kept]


def prune_backups(root: Path, *, days: int, months: int = 0, dry_run: bool = False) -> list[Path]:
    """Deletes the complete backups under root outside the retention; returns their folders."""
    if not root.is_dir():
        raise BackupError(f"{root} is not a folder of backups")
    doomed = backups_to_prune(complete_backups(root), days=days, months=months)
    if not dry_run:
        for backup in doomed:
            shutil.rmtree(backup.folder)
    return [backup.folder for backup in doomed]
