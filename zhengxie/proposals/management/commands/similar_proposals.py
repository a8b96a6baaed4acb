import json

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Committee, Plenary
from zhengxie.proposals.similarity import likely_duplicates, similar_proposals


class Command(BaseCommand):
    help = "相似提案：给出与一段文字最相似的提案，或列出某次会议内疑似重复的提案对。"

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="?", default="", help="案由和正文")
        parser.add_argument("--committee", required=True, help="政协代码，如 suizhou")
        parser.add_argument("--top", type=int, default=5)
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--plenary", help="会议代码，如 5-1（与 --pairs 同用）")
        parser.add_argument("--pairs", action="store_true", help="列出会议内疑似重复的提案对")

    def handle(self, *args, text, committee, top, json, plenary, pairs, **options):
        target = Committee.objects.filter(code=committee).first()
        if target is None:
            raise CommandError(f"未知的政协代码“{committee}”")
        if pairs:
            return self._pairs(target, plenary, as_json=json)
        if not text.strip():
            raise CommandError("请给出要比对的文字，或使用 --plenary CODE --pairs")
        if top < 1:
            raise CommandError("--top 须为正整数")
        found = similar_proposals(committee=target, text=text, reader=None, top=top)
        rows = [
            {"number": s.proposal.number, "title": s.proposal.title, "score": s.score}
            for s in found
        ]
        self._emit(rows, as_json=json, line="{number}\t{score:.4f}\t{title}")

    def _pairs(self, committee, code, *, as_json):
        if not code:
            raise CommandError("--pairs 需要 --plenary CODE")
        plenary = Plenary.objects.filter(committee=committee, code=code).first()
        if plenary is None:
            raise CommandError(f"{committee.name}没有代码为“{code}”的会议")
        rows = [
            {
                "first": {"number": p.first.number, "title": p.first.title},
                "second": {"number": p.second.number, "title": p.second.title},
                "overlap": p.overlap,
                "score": p.score,
            }
            for p in likely_duplicates(plenary=plenary)
        ]
        line = (
            "{first[number]}\t{second[number]}\t{overlap:.2f}\t{score:.2f}\t"
            "{first[title]} / {second[title]}"
        )
        self._emit(rows, as_json=as_json, line=line)

    def _emit(self, rows, *, as_json, line):
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(line.format(**row))
