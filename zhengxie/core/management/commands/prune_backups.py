from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.backup.database import BackupError
from zhengxie.core.backup.retention import prune_backups


class Command(BaseCommand):
    help = (
        "Deletes the backups in a folder beyond the retention: keeps the newest backup of each "
        "of the last N days (and M months) that have one; incomplete backups are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("root", help="the folder that holds one sub-folder per backup")
        parser.add_argument("--keep-days", type=int, required=True)
        parser.add_argument("--keep-months", type=int, default=0)
        parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")

    def handle(self, *args, root: str, keep_days: int, keep_months: int, dry_run: bool, **_):
        try:
            pruned = prune_backups(Path(root), days=keep_days, months=keep_months, dry_run=dry_run)
        except BackupError as error:
            raise CommandError(str(error)) from error
        verb = "would delete" if dry_run else "deleted"
        for folder in pruned:
            self.stdout.write(f"{verb} {folder}")
        self.stdout.write(f"{verb} {len(pruned)} backups")
