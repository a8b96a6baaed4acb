"""Rebuild the YearBalance cache from the ledger: one committee and year, or (--current) every
committee's current year, which the daily periodic run does so standings follow new credits."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zhengxie.core.models import Committee
from zhengxie.duty.services.recompute import YearClosedError, recompute_year


class Command(BaseCommand):
    help = "按积分规则重新计算委员履职积分（已发布的年度不重算）"

    def add_arguments(self, parser):
        parser.add_argument("--committee", help="政协代码，如 suizhou")
        parser.add_argument("--year", type=int)
        parser.add_argument(
            "--current", action="store_true", help="所有政协的本年度（已发布的跳过）"
        )

    def handle(self, *args, **options):
        if options["current"]:
            year = timezone.localdate().year
            for committee in Committee.objects.order_by("id"):
                self._recompute(committee, year, skip_closed=True)
            return
        if not (options["committee"] and options["year"]):
            raise CommandError("请指定 --committee 和 --year，或使用 --current。")
        committee = Committee.objects.filter(code=options["committee"]).first()
        if committee is None:
            raise CommandError(f"没有代码为 {options['committee']} 的政协。")
        self._recompute(committee, options["year"], skip_closed=False)

    def _recompute(self, committee: Committee, year: int, *, skip_closed: bool) -> None:
        started = time.perf_counter()
        try:
            count = recompute_year(committee=committee, year=year)
        except YearClosedError as error:
            if skip_closed:
                return
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(f"{committee.display_name} {year} 年：{count} 名委员，{seconds:.1f} 秒")
