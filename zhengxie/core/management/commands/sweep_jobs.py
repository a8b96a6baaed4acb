"""Retry or fail the background jobs whose worker has died; every tick of the periodic runner."""

from django.core.management.base import BaseCommand

from ...leases import sweep_lost_jobs
from ...task_leases import sweep_lost_tasks


class Command(BaseCommand):
    help = "把工作进程已停止响应的后台任务重新排队或标记为失败"

    def handle(self, *args, **options):
        jobs, tasks = sweep_lost_jobs(), sweep_lost_tasks()
        self.stdout.write(
            f"重新排队 {jobs.retried} 个，标记失败 {jobs.failed} 个；"
            f"任务队列：重新排队 {tasks.retried} 个，标记失败 {tasks.failed} 个"
        )
