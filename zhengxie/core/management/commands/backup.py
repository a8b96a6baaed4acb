from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from zhengxie.core.backup.archive import backup
from zhengxie.core.backup.database import BackupError


class Command(BaseCommand):
    help = "Writes a consistent backup: the database, the uploaded files and a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="a new or empty folder")

    def handle(self, *args, output: str, **options):
        try:
            manifest = backup(
                settings_dict=connections["default"].settings_dict,
                storage=default_storage,
                output=Path(output),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"{output}: {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['files'])} files"
        )
