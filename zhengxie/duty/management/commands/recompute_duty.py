"""Rebuild the YearBalance cache of one committee and year from the ledger."""

import time

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Committee
from zhengxie.duty.services.recompute import YearClosedError, recompute_year


class Command(BaseCommand):
    help = "按积分规则重新计算某政协某年度的委员履职积分（已发布的年度不重算）"

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="政协代码，如 suizhou")
        parser.add_argument("--year", required=True, type=int)

    def handle(self, *args, **options):
        committee = Committee.objects.filter(code=options["committee"]).first()
        if committee is None:
            raise CommandError(f"没有代码为 {options['committee']} 的政协。")
        started = time.perf_counter()
        try:
            count = recompute_year(committee=committee, year=options["year"])
        except YearClosedError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{committee.display_name} {options['year']} 年：{count} 名委员，{seconds:.1f} 秒"
        )
