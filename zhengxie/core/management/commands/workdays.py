"""Working-day arithmetic as the deadlines compute it (national schedule, 调休, the office's
and the committee's own days):

    manage.py workdays add 2022-09-30 5
    2022-10-12
    manage.py workdays between 2022-09-30 2022-10-12
    5
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Committee
from zhengxie.core.workdays import add_working_days, uncovered_years, working_days_between


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"“{value}”不是日期（格式 2022-09-30）") from None


class Command(BaseCommand):
    help = "按节假日安排（含调休）计算工作日"

    def add_arguments(self, parser):
        parser.add_argument("--committee", help="政协代码：计入该政协自己的节假日调整")
        commands = parser.add_subparsers(dest="operation", required=True)
        add = commands.add_parser("add", help="某日之后第 N 个工作日")
        add.add_argument("start")
        add.add_argument("days", type=int)
        between = commands.add_parser("between", help="两日之间的工作日数")
        between.add_argument("start")
        between.add_argument("end")

    def handle(self, *args, **options):
        committee_id = None
        if options["committee"]:
            committee = Committee.objects.filter(code=options["committee"]).first()
            if committee is None:
                raise CommandError(f"没有代码为“{options['committee']}”的政协")
            committee_id = committee.pk
        start = _date(options["start"])
        if options["operation"] == "add":
            if options["days"] < 0:
                raise CommandError("工作日数不能为负数")
            end = add_working_days(start, options["days"], committee_id=committee_id)
            self.stdout.write(end.isoformat())
        else:
            end = _date(options["end"])
            self.stdout.write(str(working_days_between(start, end, committee_id=committee_id)))
        gaps = uncovered_years(min(start, end), max(start, end))
        if gaps:
            years = "、".join(map(str, gaps))
            self.stderr.write(
                f"注意：节假日库尚无 {years} 年的放假安排，这些年份只按周一至周五及节假日调整计算。"
            )
