"""Run daily (cron or a systemd timer): remind units and convenors of due and overdue actions."""

import datetime as dt

from django.core.management.base import BaseCommand

from zhengxie.grassroots.services.actions import remind_due_actions


class Command(BaseCommand):
    help = "提醒即将到期和已逾期的一线协商落实措施"

    def add_arguments(self, parser):
        parser.add_argument(
            "--on", type=dt.date.fromisoformat, default=None, help="按该日期计算（YYYY-MM-DD）"
        )

    def handle(self, *args, on=None, **options):
        count = remind_due_actions(on=on)
        self.stdout.write(f"已提醒 {count} 项落实措施")
