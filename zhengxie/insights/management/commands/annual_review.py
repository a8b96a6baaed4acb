import json

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Committee
from zhengxie.insights.selectors import compute_annual_figures


class Command(BaseCommand):
    help = "打印某政协某年度的工作回眸指标（默认含所辖县级政协）"

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="政协代码，如 suizhou")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--no-rollup", action="store_true", help="只统计本级政协")

    def handle(self, *args, **options):
        committee = Committee.objects.filter(code=options["committee"]).first()
        if committee is None:
            raise CommandError(f"政协代码不存在：{options['committee']}")
        figures = compute_annual_figures(
            committee=committee, year=options["year"], rollup=not options["no_rollup"]
        )
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        from zhengxie.insights.review import paragraphs

        for heading, text in paragraphs(figures):
            self.stdout.write(f"【{heading}】{text}")
