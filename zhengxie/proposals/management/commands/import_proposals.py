from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Committee, Plenary
from zhengxie.proposals.imports.running import run_import


class Command(BaseCommand):
    help = "导入提案登记表（.xlsx）：先校验全部行，有任何错误则不写入。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--committee", required=True, help="政协代码，如 suizhou")
        parser.add_argument("--plenary", required=True, help="会议代码，如 5-1")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")
        parser.add_argument(
            "--credit-duty",
            action="store_true",
            help="已立案的提案计入名册中提案者的履职积分（历史登记表可选，默认不计）",
        )

    def handle(self, *args, file: str, committee: str, plenary: str, dry_run: bool, **options):
        credit = options["credit_duty"]
        target = Committee.objects.filter(code=committee).first()
        if target is None:
            raise CommandError(f"未知的政协代码“{committee}”")
        session = Plenary.objects.filter(committee=target, code=plenary).first()
        if session is None:
            raise CommandError(f"{target.name}没有代码为“{plenary}”的会议")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在：{file}")
        outcome = run_import(
            plenary=session, content=path.read_bytes(), dry_run=dry_run, credit_duty=credit
        )
        if not outcome.ok:
            for error in outcome.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(outcome.errors)} 处错误，未写入任何数据。")
        plan = outcome.credit_plan
        if plan is not None:
            self.stdout.write(
                f"履职积分：{plan.members} 位委员共 {plan.credits} 条提案记录"
                f"（名册中没有的提案者 {plan.unmatched} 人次不计分）。"
            )
        if outcome.result is None:
            self.stdout.write(f"校验通过：{outcome.rows} 行（试运行，未写入）。")
            return
        result = outcome.result
        self.stdout.write(
            f"导入完成：新增 {result.created}，更新 {result.updated}，未变 {result.unchanged}。"
        )
        if plan is not None:
            self.stdout.write(f"已计入履职记录 {result.credited} 条（已计入的不重复计）。")
