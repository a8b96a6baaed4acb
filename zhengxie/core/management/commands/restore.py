from pathlib import Path

import dj_database_url
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from zhengxie.core.backup.archive import restore
from zhengxie.core.backup.database import BackupError


class Command(BaseCommand):
    help = (
        "Restores a backup into an empty database and file store and verifies it against the "
        "backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument(
            "--database-url", help="restore into this database instead of the configured one"
        )
        parser.add_argument("--force", action="store_true", help="overwrite a non-empty target")

    def handle(self, *args, folder: str, database_url: str | None, force: bool, **options):
        target = connections["default"].settings_dict
        if database_url:
            target = {**target, **dj_database_url.parse(database_url)}
        connections.close_all()
        try:
            manifest = restore(
                folder=Path(folder), settings_dict=target, storage=default_storage, force=force
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {len(manifest['tables'])} tables and {len(manifest['files'])} files; "
            "every count and checksum matches the manifest"
        )
