"""The database task queue's own rows: a task whose worker died is queued again once (if it
may run twice) or failed with the reason, never left running; the request that queued a task
names the worker's log lines."""

import io
import json
import logging

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from zhengxie.core import task_leases
from zhengxie.core.leases import Sweep
from zhengxie.core.models import TaskLease
from zhengxie.core.request_ids import JsonFormatter, RequestIdFilter, current_request_id
from zhengxie.core.tasks import send_deliveries


@pytest.fixture
def retryable(monkeypatch):
    """send_deliveries, registered as a task that may run again."""
    monkeypatch.setattr(task_leases, "RETRYABLE", {send_deliveries.module_path})


def test_a_lost_task_that_may_not_run_twice_is_failed_with_the_reason(task_queue):
    # given a task whose worker was killed mid-task
    send_deliveries.enqueue(delivery_ids=[])
    row = task_queue.start_and_die()
    # when the sweep runs while the lease is fresh, then once it has gone stale
    assert task_leases.sweep_lost_tasks() == Sweep()
    sweep = task_leases.sweep_lost_tasks(now=task_queue.stale())
    # then the row is failed and says why, and a later sweep finds nothing
    assert sweep == Sweep(retried=0, failed=1)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED and row.finished_at
    assert row.exception_class_path == "zhengxie.core.task_leases.WorkerLost"
    assert "处理任务的进程已停止响应（已尝试 1 次）" in row.traceback
    assert task_leases.sweep_lost_tasks(now=task_queue.stale()) == Sweep()


def test_a_lost_task_that_may_run_again_is_queued_once_and_completes(task_queue, retryable):
    # given a retryable task whose worker was killed
    send_deliveries.enqueue(delivery_ids=[])
    row = task_queue.start_and_die()
    # when the sweep finds its lease stale
    assert task_leases.sweep_lost_tasks(now=task_queue.stale()) == Sweep(retried=1)
    # then it is back in the queue, and the next worker finishes it
    row.refresh_from_db()
    assert (row.status, row.started_at, row.lease.heartbeat_at) == ("READY", None, None)
    assert task_queue.run() == 1
    row.refresh_from_db()
    assert (row.status, row.return_value, row.lease.attempts) == ("SUCCESSFUL", 0, 2)


def test_a_task_that_loses_its_worker_twice_is_failed(task_queue, retryable):
    send_deliveries.enqueue(delivery_ids=[])
    task_queue.start_and_die()
    task_leases.sweep_lost_tasks(now=task_queue.stale())
    # when the retry's worker dies too
    row = task_queue.start_and_die()
    # then the task is not tried a third time
    assert task_leases.sweep_lost_tasks(now=task_queue.stale()) == Sweep(failed=1)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED and "已尝试 2 次" in row.traceback


def test_a_row_claimed_by_a_worker_that_died_before_starting_it_is_settled(task_queue):
    # given a row a worker claimed (no lease yet, as rows queued before the leases)
    send_deliveries.enqueue(delivery_ids=[])
    TaskLease.objects.all().delete()
    row = DBTaskResult.objects.get()
    row.claim("killed-worker")
    # when / then
    assert task_leases.sweep_lost_tasks(now=task_queue.stale()) == Sweep(failed=1)
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED


def test_the_request_that_queued_a_task_names_the_workers_log_lines(task_queue):
    # given the log as production writes it, and a task queued during a request
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    tasks_logger = logging.getLogger("django_tasks")
    tasks_logger.addHandler(handler)
    previous_level = tasks_logger.level
    tasks_logger.setLevel(logging.INFO)
    token = current_request_id.set("req-0123456789")
    try:
        send_deliveries.enqueue(delivery_ids=[])
        current_request_id.reset(token)
        # when a worker, outside any request, runs it
        task_queue.run()
    finally:
        tasks_logger.removeHandler(handler)
        tasks_logger.setLevel(previous_level)
    # then the task's closing line carries the request's id, and the worker forgets it after
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    finished = [line for line in lines if "state=SUCCESSFUL" in line["message"]]
    assert [line["request_id"] for line in finished] == ["req-0123456789"]
    assert TaskLease.objects.get().request_id == "req-0123456789"
    assert current_request_id.get() == ""
