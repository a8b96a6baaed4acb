import time

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Committee
from zhengxie.insights.scale import generate
from zhengxie.insights.scale.world import Sizes


class Command(BaseCommand):
    help = (
        "生成全省规模的压测数据（市级政协及其所辖县级政协、委员、提案、社情民意、活动、"
        "一线协商问题、履职记录）。仅供性能测试：批量写入，不写历史记录、不触发信号，"
        "履职记录直接写入台账，再按积分规则算出各政协的年度积分。"
        "同一 --seed 生成的数据相同。须在空库上运行。"
    )

    def add_arguments(self, parser):
        defaults = Sizes()
        for name in ("committees", "members", "proposals", "duty_records", "cases"):
            parser.add_argument(
                f"--{name.replace('_', '-')}", type=int, default=getattr(defaults, name)
            )
        parser.add_argument("--seed", type=int, default=2022, help="随机种子")

    def handle(self, *args, **options):
        sizes = Sizes(
            **{
                k: options[k]
                for k in ("committees", "members", "proposals", "duty_records", "cases")
            }
        )
        if sizes.committees < 1 or sizes.members < sizes.committees:
            raise CommandError("政协数至少为 1，委员数不得少于政协数")
        if Committee.objects.filter(code__in=["city0", "county0"]).exists():
            raise CommandError("库中已有压测数据，请换用空库")
        start = time.perf_counter()

        def progress(step: str) -> None:
            self.stderr.write(f"{time.perf_counter() - start:7.1f}s {step}")

        counts = generate(sizes=sizes, seed=options["seed"], progress=progress)
        for key, n in counts.items():
            self.stdout.write(f"{key}: {n}")
        self.stdout.write(f"用时 {time.perf_counter() - start:.1f} 秒")
