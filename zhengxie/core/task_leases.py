"""Leases on the database task queue's own rows, and the request id that travels with a task.

django_tasks_db marks a row RUNNING when a worker claims it and never looks at it again: a
worker killed mid-task leaves it running forever. Every queued task gets a TaskLease when it is
queued (with the id of the request that queued it); the worker holds it with core.leases'
heartbeat while the task runs, and sets the request id for the task's log lines.
`sweep_lost_tasks` (with the job sweep, every tick) settles each running row not heard from for
LEASE_SECONDS: a task registered as safe to run again goes back in the queue once, any other
is marked failed with the reason. Tasks that run a leased job (imports, reviews) are not
registered: their job's own sweep queues a fresh task, so the lost row is only closed.

The in-process backend (development, tests) runs a task inside the request that queued it:
it needs neither, and these handlers leave it alone.
"""

from contextlib import ExitStack
from datetime import timedelta

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks.signals import task_enqueued, task_finished, task_started
from django_tasks_db.backend import TaskResult as DatabaseTaskResult
from django_tasks_db.models import DBTaskResult

from .leases import LEASE_SECONDS, MAX_ATTEMPTS, Sweep, hold_lease, lost_reason
from .models import TaskLease
from .request_ids import current_request_id

RETRYABLE: set[str] = set()  # module paths of the tasks whose second run changes nothing more


class WorkerLost(Exception):
    """Recorded as a lost task's failure: its worker stopped beating."""


def register_retryable_task(task: Task) -> None:
    RETRYABLE.add(task.module_path)


_held: dict[str, tuple[ExitStack, object]] = {}


@receiver(task_enqueued)
def lease_queued_task(sender, task_result, **kwargs) -> None:
    if isinstance(task_result, DatabaseTaskResult):
        TaskLease.objects.create(task_id=task_result.id, request_id=current_request_id.get())


@receiver(task_started)
def hold_task_lease(sender, task_result, **kwargs) -> None:
    if not isinstance(task_result, DatabaseTaskResult):
        return
    lease, _created = TaskLease.objects.get_or_create(task_id=task_result.id)
    stack = ExitStack()
    stack.enter_context(hold_lease(lease))
    _held[task_result.id] = (stack, current_request_id.set(lease.request_id))


@receiver(task_finished)
def release_task_lease(sender, task_result, **kwargs) -> None:
    held = _held.pop(task_result.id, None)
    if held is not None:
        stack, token = held
        stack.close()
        current_request_id.reset(token)


def lost_tasks(*, now=None):
    """Running rows whose lease has gone stale (or that never took one: a worker killed
    between its claim and the task's start, or a row older than the leases)."""
    cutoff = (now or timezone.now()) - timedelta(seconds=LEASE_SECONDS)
    beating = TaskLease.objects.filter(heartbeat_at__gte=cutoff).values("task_id")
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    return running.exclude(pk__in=beating)


def _settle(pk, now) -> str:
    """Queues one lost task again or fails it, under its row lock; returns what was done."""
    with transaction.atomic():
        row = lost_tasks(now=now).filter(pk=pk).select_for_update().first()
        if row is None:  # it beat, finished or was settled by another sweep meanwhile
            return ""
        lease, _created = TaskLease.objects.get_or_create(task=row, defaults={"attempts": 1})
        if row.task_path in RETRYABLE and lease.attempts < MAX_ATTEMPTS:
            row.status, row.started_at = TaskResultStatus.READY, None
            row.save(update_fields=["status", "started_at"])
            lease.heartbeat_at = None
            lease.save(update_fields=["heartbeat_at"])
            return "retried"
        row.set_failed(WorkerLost(lost_reason(lease.attempts)))
        return "failed"


def sweep_lost_tasks(*, now=None) -> Sweep:
    now = now or timezone.now()
    sweep = Sweep()
    for pk in list(lost_tasks(now=now).values_list("pk", flat=True)):
        sweep.count(_settle(pk, now), f"Task {pk}")
    return sweep
