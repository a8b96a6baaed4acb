import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Committee
from zhengxie.insights.exports import FORMATS, build_review
from zhengxie.insights.selectors import compute_annual_figures


class Command(BaseCommand):
    help = (
        "打印某政协某年度的工作回眸指标（默认含所辖县级政协），或将回眸写成 PDF、Word、Excel 文件"
    )

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="政协代码，如 suizhou")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--no-rollup", action="store_true", help="只统计本级政协")
        parser.add_argument(
            "--format", choices=FORMATS, help="写成文件的格式（需同时给出 --output）"
        )
        parser.add_argument("--output", help="文件路径")

    def handle(self, *args, **options):
        committee = Committee.objects.filter(code=options["committee"]).first()
        if committee is None:
            raise CommandError(f"政协代码不存在：{options['committee']}")
        if bool(options["format"]) != bool(options["output"]):
            raise CommandError("--format 和 --output 须同时给出。")
        rollup = not options["no_rollup"]
        if options["format"]:
            self._write(committee, options["year"], rollup, options["format"], options["output"])
            return
        figures = compute_annual_figures(committee=committee, year=options["year"], rollup=rollup)
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        from zhengxie.insights.review import paragraphs

        for heading, text in paragraphs(figures):
            self.stdout.write(f"【{heading}】{text}" if heading else text)

    def _write(self, committee, year: int, rollup: bool, kind: str, output: str) -> None:
        from zhengxie.insights.services import review_document

        document = review_document(committee=committee, year=year, rollup=rollup)
        Path(output).write_bytes(build_review(kind, document))
        self.stdout.write(f"已写入 {output}")
