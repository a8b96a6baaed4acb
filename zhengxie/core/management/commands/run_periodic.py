"""The platform's clock: folds buffered thread views every tick and, once a day, sends the
deadline reminders and notices and refreshes the duty standings. Run it beside the web
processes (`make periodic`), from cron with no --loop, or under a systemd timer."""

import time

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

EVERY_TICK = ["flush_thread_views"]
DAILY = [
    ("proposal_deadlines", {}),
    ("send_activity_notices", {}),
    ("remind_grassroots_actions", {}),
    ("recompute_duty", {"current": True}),
]


class Command(BaseCommand):
    help = "执行定时任务：汇总浏览量；每天发送办理期限提醒、活动通知，并刷新履职积分"

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, default=0, help="每隔 N 秒重复执行")

    def handle(self, *args, **options):
        while True:
            self._tick()
            if not options["loop"]:
                return
            time.sleep(options["loop"])

    def _tick(self) -> None:
        for name in EVERY_TICK:
            call_command(name, stdout=self.stdout)
        today = timezone.localdate()
        # cache.add succeeds once per day across every process that runs this command.
        if cache.add(f"periodic:daily:{today.isoformat()}", True, 2 * 24 * 3600):
            for name, arguments in DAILY:
                call_command(name, stdout=self.stdout, **arguments)
