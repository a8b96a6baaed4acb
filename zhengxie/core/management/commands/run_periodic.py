"""The platform's clock: every tick it folds buffered thread views, retries or fails the
background jobs that lost their worker (core.leases), sends the notification copies whose
retry time has come and, from the digest hour, the day's digests (once a day per person, kept
by each digest's own record); once a day it sends the deadline reminders (proposals,
grassroots actions, leaders' instructions) and notices, refreshes the duty standings and
retrains the intake models of registers that have moved, and prunes the task queue's finished
rows. Run it beside the web processes (`make periodic`), from cron with no --loop, or under a
systemd timer.

Each job runs on its own: a crash is logged with the job's name and the others still run. The
daily slot is claimed per job, so several runners share the day's work, and a job that failed
gives its claim back so the next tick retries it. That retry is safe because every daily job is
idempotent within a day: co-signing and feedback windows close by a state transition that is
checked under lock, each deadline reminder threshold and each activity notice is sent once
(recorded on the assignment, a state change on the activity), grassroots and instruction
reminders are stamped with the day they were sent, the duty standings are rebuilt from the
ledger, retraining replaces a model with one learned from the same register, and a job past
its date is closed by its workflow (a closed one is no longer open, so a second run finds
nothing), and a pruned row is gone."""

import logging
import time

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

logger = logging.getLogger(__name__)

EVERY_TICK = ["flush_thread_views", "sweep_jobs", "send_deliveries", "send_digests"]
DAILY = [
    ("proposal_deadlines", {}),
    ("send_activity_notices", {}),
    ("remind_grassroots_actions", {}),
    ("remind_instructions", {}),
    ("recompute_duty", {"current": True}),
    ("train_intake", {"changed": True}),
    ("close_expired_jobs", {}),
    ("prune_tasks", {}),
]
# A claim outlives its day so a runner that starts just after midnight cannot see it expired.
DAILY_CLAIM_SECONDS = 2 * 24 * 3600


class Command(BaseCommand):
    help = (
        "执行定时任务：汇总浏览量；每天发送办理期限提醒、活动通知，刷新履职积分并更新交办建议模型"
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, default=0, help="每隔 N 秒重复执行")

    def handle(self, *args, **options):
        while True:
            failed = self._tick()
            if not options["loop"]:
                break
            time.sleep(options["loop"])
        # Without --loop the runner is cron's job: a non-zero exit is how cron notices.
        if failed:
            raise CommandError(f"定时任务失败：{'、'.join(failed)}")

    def _tick(self) -> list[str]:
        """Runs this tick's jobs and returns the names of those that failed."""
        failed = [name for name in EVERY_TICK if not self._run(name, {})]
        today = timezone.localdate().isoformat()
        for name, arguments in DAILY:
            claim = f"periodic:daily:{today}:{name}"
            # cache.add succeeds for one runner per job and day, across every process.
            if cache.add(claim, True, DAILY_CLAIM_SECONDS) and not self._run(name, arguments):
                cache.delete(claim)
                failed.append(name)
        return failed

    def _run(self, name: str, arguments: dict) -> bool:
        try:
            call_command(name, stdout=self.stdout, **arguments)
        except Exception:  # one job's failure, whatever it is, must not stop the others
            logger.exception("Periodic job %s failed", name)
            return False
        return True
