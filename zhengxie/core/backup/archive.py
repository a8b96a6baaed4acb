"""Backup and restore as a whole: database, files and the manifest that ties them."""

import json
import shutil
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage
from django.utils import timezone

from .database import BackupError, dump, load
from .manifest import differences, file_checksum, stored_names

MANIFEST = "manifest.json"
MEDIA = "media"


def backup(*, settings_dict: dict, storage: Storage, output: Path) -> dict:
    """Writes a backup into output (which must be empty or new) and returns its manifest."""
    output.mkdir(parents=True, exist_ok=True)
    if any(output.iterdir()):
        raise BackupError(f"{output} is not empty; back up into a new folder")
    tables = dump(settings_dict, output)
    files = _copy_files_out(storage, output / MEDIA)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "engine": settings_dict["ENGINE"],
        "tables": tables,
        "files": files,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder / MANIFEST} cannot be read: {error}") from error


def restore(*, folder: Path, settings_dict: dict, storage: Storage, force: bool = False) -> dict:
    """Restores folder into the database and the file store and verifies both against the
    manifest; raises BackupError listing every difference."""
    manifest = read_manifest(folder)
    if manifest["engine"] != settings_dict["ENGINE"]:
        raise BackupError(f"the backup is of {manifest['engine']}, the target is not")
    if not force and stored_names(storage):
        raise BackupError("the file store is not empty; restore into an empty one or pass --force")
    found = {
        "tables": load(settings_dict, folder, force=force),
        "files": _copy_files_in(folder / MEDIA, storage, force=force),
    }
    wrong = differences(manifest, found)
    if wrong:
        raise BackupError("the restore differs from the manifest:\n" + "\n".join(wrong))
    return manifest


def _copy_files_out(storage: Storage, target: Path) -> dict[str, str]:
    checksums = {}
    for name in stored_names(storage):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, path.open("wb") as copy:
            shutil.copyfileobj(source, copy)
        with path.open("rb") as copy:
            checksums[name] = file_checksum(copy)
    return checksums


def _copy_files_in(source: Path, storage: Storage, *, force: bool) -> dict[str, str]:
    checksums = {}
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        if force and storage.exists(name):
            storage.delete(name)
        with path.open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}")
        with storage.open(saved, "rb") as stored:
            checksums[name] = file_checksum(stored)
    return checksums
