"""Retry or fail the background jobs whose worker has died; every tick of the periodic runner."""

from django.core.management.base import BaseCommand

from ...leases import sweep_lost_jobs


class Command(BaseCommand):
    help = "把工作进程已停止响应的后台任务重新排队或标记为失败"

    def handle(self, *args, **options):
        sweep = sweep_lost_jobs()
        self.stdout.write(f"重新排队 {sweep.retried} 个，标记失败 {sweep.failed} 个")
