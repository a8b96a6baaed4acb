from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Committee
from zhengxie.jobs.imports import EmployerFileError, import_employers


class Command(BaseCommand):
    help = "导入用人单位名单（.xlsx）：先校验全部行，有任何错误则不写入；按统一社会信用代码去重。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--committee", required=True, help="政协代码，如 suizhou")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")

    def handle(self, *args, file: str, committee: str, dry_run: bool, **options):
        target = Committee.objects.filter(code=committee).first()
        if target is None:
            raise CommandError(f"未知的政协代码“{committee}”")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在：{file}")
        try:
            result = import_employers(
                committee=target, content=path.read_bytes(), actor=None, dry_run=dry_run
            )
        except EmployerFileError as error:
            raise CommandError(str(error)) from error
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} 处错误，未写入任何数据。")
        if dry_run:
            self.stdout.write(f"校验通过：{len(result.rows)} 行（试运行，未写入）。")
            return
        self.stdout.write(
            f"导入完成：新增 {result.created}，更新 {result.updated}，未变 {result.unchanged}。"
        )
