import csv
import datetime as dt
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from zhengxie.core.models import Committee, User
from zhengxie.core.services.residents import MovedResident, move_over_residents

COLUMNS = ("username", "display_name", "mobile", "email", "password_hash", "joined")


class Command(BaseCommand):
    help = (
        "把原网站（论坛、招聘）的注册用户迁入为本政协的群众账号：保留用户名、密码散列和注册时间。"
        f"CSV 文件（UTF-8），表头为 {','.join(COLUMNS)}，后四列可空；"
        "joined 为 ISO 日期或时间（北京时间）。先校验全部行，有任何错误则不写入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--committee", required=True, help="政协代码，如 suizhou")
        parser.add_argument("--staff", required=True, help="办理迁入的机关工作人员的用户名")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")

    def handle(self, *args, file: str, committee: str, staff: str, dry_run: bool, **options):
        target = Committee.objects.filter(code=committee).first()
        if target is None:
            raise CommandError(f"未知的政协代码“{committee}”")
        actor = User.objects.filter(username=staff).first()
        if actor is None:
            raise CommandError(f"未知的用户名“{staff}”")
        people = _read(Path(file))
        try:
            with transaction.atomic():
                moved = move_over_residents(staff=actor, committee=target, people=people)
                if dry_run:
                    transaction.set_rollback(True)
        except (ValidationError, PermissionDenied) as error:
            for message in getattr(error, "messages", [str(error)]):
                self.stderr.write(message)
            raise CommandError("未迁入任何用户。") from error
        if dry_run:
            self.stdout.write(f"校验通过：{len(moved)} 位用户（试运行，未写入）。")
        else:
            self.stdout.write(f"已迁入 {len(moved)} 位用户，均为{target.display_name}的群众。")


def _read(path: Path) -> list[MovedResident]:
    if not path.is_file():
        raise CommandError(f"文件不存在：{path}")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS[:2] if c not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(f"表头缺少：{'、'.join(missing)}")
        rows = list(reader)
    return [_person(n, row) for n, row in enumerate(rows, start=1)]


def _person(row_number: int, row: dict) -> MovedResident:
    cells = {c: (row.get(c) or "").strip() for c in COLUMNS}
    return MovedResident(**{**cells, "joined": _joined(row_number, cells["joined"])})


def _joined(row_number: int, text: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"第 {row_number} 行：注册时间“{text}”不是日期或时间。") from error
    return timezone.make_aware(when) if timezone.is_naive(when) else when
