import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Committee
from zhengxie.proposals.intake.engine import IntakeError
from zhengxie.proposals.intake.suggestions import suggest_as_data


class Command(BaseCommand):
    help = '交办建议：为 JSONL 文件中每件提案（每行 {"title", "text"}）给出建议类别和承办单位。'

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="政协代码，如 suizhou")
        parser.add_argument("--top", type=int, default=3)
        parser.add_argument("--jsonl", required=True, help="每行一个 JSON 对象的文件")

    def handle(self, *args, committee: str, top: int, jsonl: str, **options):
        target = Committee.objects.filter(code=committee).first()
        if target is None:
            raise CommandError(f"未知的政协代码“{committee}”")
        if top < 1:
            raise CommandError("--top 须为正整数")
        path = Path(jsonl)
        if not path.is_file():
            raise CommandError(f"文件不存在：{jsonl}")
        lines = path.read_text(encoding="utf-8").splitlines()
        items = [self._parse(number, line) for number, line in enumerate(lines, 1) if line.strip()]
        for number, title, text in items:
            self.stdout.write(
                json.dumps(self._answer(target, number, title, text, top), ensure_ascii=False)
            )

    def _parse(self, number: int, line: str) -> tuple[int, str, str]:
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommandError(f"第{number}行：不是有效的 JSON（{error.msg}）") from error
        if not isinstance(item, dict):
            raise CommandError(f'第{number}行：应为 {{"title": …, "text": …}} 形式的对象')
        title, text = item.get("title") or "", item.get("text") or ""
        if not isinstance(title, str) or not isinstance(text, str):
            raise CommandError(f"第{number}行：title 和 text 须为文字")
        return number, title, text

    def _answer(self, committee, number: int, title: str, text: str, top: int) -> dict:
        """A line without Chinese still gets its output line (empty, with the reason), so
        the output stays line for line with the input."""
        try:
            return suggest_as_data(committee=committee, title=title, text=text, top=top)
        except IntakeError as error:
            if "中文" not in error.message:
                raise CommandError(error.message) from error
            self.stderr.write(f"第{number}行：{error.message}")
            return {"categories": [], "units": [], "error": error.message}
