"""The day's digest of non-urgent notifications, one SMS or e-mail per person and channel.
run_periodic calls it every tick; before DIGEST_HOUR it does nothing, after it the day's
batches go out once (a later tick finds them sent, and newer copies wait for tomorrow)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from zhengxie.core.services.deliveries import DIGEST_HOUR, send_digests


class Command(BaseCommand):
    help = "发送每日消息汇总（每人每天每个渠道一条）"

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="不等到汇总时间，立即发送")

    def handle(self, *args, **options):
        if not options["now"] and timezone.localtime().hour < DIGEST_HOUR:
            return
        sent = send_digests()
        self.stdout.write(f"已发送汇总 {sent} 条")
