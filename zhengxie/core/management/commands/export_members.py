from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.imports import export_roster
from zhengxie.core.models import Committee


class Command(BaseCommand):
    help = "导出委员名册（.xlsx），格式与导入相同。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--committee", required=True, help="政协代码，如 suizhou")

    def handle(self, *args, file: str, committee: str, **options):
        target = Committee.objects.filter(code=committee).first()
        if target is None:
            raise CommandError(f"未知的政协代码“{committee}”")
        Path(file).write_bytes(export_roster(committee=target))
        self.stdout.write(f"已导出到 {file}")
