import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhengxie.proposals.intake.engine import IntakeError
from zhengxie.proposals.intake.evaluation import (
    cross_validate,
    evaluate,
    examples_from_register,
)


class Command(BaseCommand):
    help = (
        "评估交办建议：用一份提案登记表训练，在另一份上计算类别和主办单位的首选、前三命中率；"
        "或用 --folds K 对一份登记表做 K 折交叉验证。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--train", required=True, help="用于学习的提案登记表（.xlsx）")
        parser.add_argument("--test", help="用于检验的提案登记表（.xlsx）")
        parser.add_argument("--folds", type=int, help="对 --train 做 K 折交叉验证")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, train: str, test: str | None, folds: int | None, json: bool, **opts):
        if (test is None) == (folds is None):
            raise CommandError("请给出 --test FILE，或 --folds K（二选一）")
        try:
            training = examples_from_register(self._read(train, "--train"))
            if folds is not None:
                result = cross_validate(training, folds=folds)
            else:
                result = evaluate(training, examples_from_register(self._read(test, "--test")))
        except IntakeError as error:
            raise CommandError(error.message) from error
        self._emit(result, as_json=json)

    def _read(self, name: str, option: str) -> bytes:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"{option}：文件不存在：{name}")
        return path.read_bytes()

    def _emit(self, result: dict, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        for kind, label in (("categories", "类别"), ("units", "主办单位")):
            figures = result[kind]
            self.stdout.write(
                f"{label}：首选命中 {figures['top1']:.1%}，前三命中 {figures['top3']:.1%}"
                f"（{figures['n']} 件）"
            )
