"""Run daily (run_periodic): remind departments of instructions due soon or overdue."""

import datetime as dt

from django.core.management.base import BaseCommand

from zhengxie.instructions.services import remind_due_instructions


class Command(BaseCommand):
    help = "提醒落实部门按期反馈领导批示落实情况"

    def add_arguments(self, parser):
        parser.add_argument(
            "--on", type=dt.date.fromisoformat, default=None, help="按该日期计算（YYYY-MM-DD）"
        )

    def handle(self, *args, on=None, **options):
        count = remind_due_instructions(on=on)
        self.stdout.write(f"已提醒 {count} 件批示")
