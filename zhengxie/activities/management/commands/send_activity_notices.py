import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from zhengxie.activities.services.activities import send_due_notices


class Command(BaseCommand):
    help = "发出已到通知日的活动通知（全体会议提前7天，其他活动提前3天，按活动类型设置）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按此日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        sent = send_due_notices(today=today)
        self.stdout.write(f"已发出 {sent} 个活动通知。")
