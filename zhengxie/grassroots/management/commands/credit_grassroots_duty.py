"""Credit members' grassroots acts of a year recorded in bulk (after seed_demo or an import)."""

from django.core.management.base import BaseCommand

from zhengxie.grassroots.services.backfill import credit_year


class Command(BaseCommand):
    help = "将某年度批量录入的一线协商履职记入委员履职档案（可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, year: int, **options):
        self.stdout.write(f"新记入 {credit_year(year=year)} 条履职记录")
