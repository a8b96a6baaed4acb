from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Committee
from zhengxie.proposals.intake.registry import MIN_EXAMPLES, committees_to_train, train_committee


class Command(BaseCommand):
    help = "训练交办建议模型：指定政协，或 --changed 只训练登记表变化较多的政协（每日定时任务）。"

    def add_arguments(self, parser):
        parser.add_argument("--committee", help="政协代码，如 suizhou")
        parser.add_argument("--changed", action="store_true", help="只训练登记表变化较多的政协")

    def handle(self, *args, committee: str | None, changed: bool, **options):
        if bool(committee) == changed:
            raise CommandError("请给出 --committee CODE，或 --changed（二选一）")
        if committee:
            target = Committee.objects.filter(code=committee).first()
            if target is None:
                raise CommandError(f"未知的政协代码“{committee}”")
            ids = [target.pk]
        else:
            ids = committees_to_train()
        names = dict(Committee.objects.filter(pk__in=ids).values_list("pk", "name"))
        for pk in ids:
            row = train_committee(pk)
            if row is None:
                self.stdout.write(
                    f"{names[pk]}：已立案提案不足{MIN_EXAMPLES}件，使用上级政协的模型"
                )
            else:
                self.stdout.write(
                    f"{names[pk]}：学习 {row.examples} 件提案，用时 {row.seconds} 秒，"
                    f"模型 {row.size / 2**20:.1f} MB"
                )
