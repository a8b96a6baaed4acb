"""A worker of the database task queue in the test's process, which may die mid-task."""

import contextvars
from datetime import timedelta

from django.utils import timezone
from django_tasks.signals import task_started
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from zhengxie.core.leases import LEASE_SECONDS


class TaskQueue:
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )

    def run(self) -> int:
        """Claims and runs every ready task, as db_worker's loop does; returns how many."""
        ran = 0
        while (row := DBTaskResult.objects.ready().first()) is not None:
            row.claim(self.worker.worker_id)
            self.worker.run_task(row)
            ran += 1
        return ran

    def start_and_die(self) -> DBTaskResult:
        """A worker claims the next ready task and starts it, then is killed: a SIGKILL runs
        no handler, so the row stays running and its lease is never released. The worker's
        context (the request id it set) dies with it."""
        row = DBTaskResult.objects.ready().first()
        row.claim("killed-worker")
        contextvars.copy_context().run(
            task_started.send, sender=DatabaseBackend, task_result=row.task_result
        )
        return row

    @staticmethod
    def stale() -> timezone.datetime:
        """A moment when every lease taken now has gone stale."""
        return timezone.now() + timedelta(seconds=LEASE_SECONDS + 1)
