"""Sends the notification copies due now: those a worker was not started for, and those a
provider refused earlier whose retry time has come; then closes the bulk notices with nothing
left to send. run_periodic runs it every tick."""

from django.core.management.base import BaseCommand

from zhengxie.core.services.bulk_notices import finish_bulk_notices
from zhengxie.core.services.deliveries import send_due_deliveries


class Command(BaseCommand):
    help = "发送到期的通知短信和邮件（含失败后的重试）"

    def handle(self, *args, **options):
        sent = send_due_deliveries()
        finish_bulk_notices()
        self.stdout.write(f"已发送 {sent} 条")
