from django.core.management.base import BaseCommand, CommandError

from zhengxie.search.services import clear_kind, index_documents
from zhengxie.search.sources import all_sources


class Command(BaseCommand):
    help = "重建全文检索与相似文本索引（可只重建一类）"

    def add_arguments(self, parser):
        parser.add_argument("--kind", help="只重建这一类，如 proposal")

    def handle(self, *args, kind=None, **options):
        sources = [source for source in all_sources() if kind in (None, source.kind)]
        if kind and not sources:
            known = "、".join(sorted({source.kind for source in all_sources()})) or "无"
            raise CommandError(f"未知的索引类型：{kind}（可用：{known}）")
        for source in sources:
            removed = clear_kind(source.kind)
            written = index_documents(source.entries())
            self.stdout.write(f"{source.kind}: 移除 {removed} 条，写入 {written} 条")
