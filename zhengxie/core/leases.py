"""Leases on background jobs: a job whose worker died is put back in the queue or marked
failed with its reason, never left "running" for the page that polls it.

A worker takes a job with `hold_lease`: it stamps the job's heartbeat and counts the attempt,
then a thread beside the job renews the heartbeat every HEARTBEAT_SECONDS on its own database
connection. The beat comes from a thread, not from the job's progress, because the jobs write
their rows in one long transaction (all or nothing), whose writes nobody else sees before it
commits. A process that is killed, or loses its database, stops beating with it.

`sweep_lost_jobs` (every tick of the periodic runner) looks for jobs of every registered kind
that hold a lease but have not beaten for LEASE_SECONDS. Such a job's transaction died with its
worker, so it wrote nothing: a job whose kind can be retried and that has attempts left goes
back in the queue, any other is marked failed with the reason. Each app registers its job
kinds from its AppConfig.ready; a kind is swept only if it is registered.
"""

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.db import DatabaseError, connections, transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext

from .models import LeasedJob

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15
# Eight missed beats: long enough for a busy database or a garbage-collection pause, short
# enough that the person watching the progress bar hears of it within minutes.
LEASE_SECONDS = 120
MAX_ATTEMPTS = 2  # a job that killed its worker twice is not tried a third time


@dataclass(frozen=True)
class JobKind:
    model: type[LeasedJob]
    finished: tuple[str, ...]  # status values of a job that has ended
    # Puts a lost job back in the queue (status, progress) and returns the function that
    # enqueues it once committed; None where running a job twice is not safe.
    requeue: Callable[[LeasedJob], Callable[[], object]] | None
    fail: Callable[[LeasedJob, str], None]  # marks a lost job failed with the reason


KINDS: list[JobKind] = []


def register_job_kind(kind: JobKind) -> None:
    if any(known.model is kind.model for known in KINDS):
        raise ValueError(f"{kind.model.__name__} is registered twice")
    KINDS.append(kind)


def _beat(model: type[Model], pk: int, attempt: int, stop: threading.Event) -> None:
    try:
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                # Only the lease this worker took: a job already put back is not revived.
                model.objects.filter(pk=pk, attempts=attempt).update(heartbeat_at=timezone.now())
            except DatabaseError:  # the next beat tries again; a lost database ends the lease
                logger.warning("Heartbeat of %s %s failed", model.__name__, pk, exc_info=True)
    finally:
        connections.close_all()


@contextmanager
def hold_lease(job: LeasedJob) -> Iterator[None]:
    """Takes the job's lease for the block (commits the first beat at once) and renews it
    until the block ends, however it ends."""
    now = timezone.now()
    type(job).objects.filter(pk=job.pk).update(heartbeat_at=now, attempts=F("attempts") + 1)
    job.refresh_from_db(fields=["heartbeat_at", "attempts"])
    if transaction.get_connection().in_atomic_block:
        # Inside a caller's transaction (the tests' own) nobody else sees the lease before it
        # commits, and a beat from another connection would wait on this row's lock while this
        # thread waits for the beat: the block runs without one. Workers run tasks outside.
        yield
        return
    stop = threading.Event()
    beater = threading.Thread(
        target=_beat, args=(type(job), job.pk, job.attempts, stop), daemon=True
    )
    beater.start()
    try:
        yield
    finally:
        stop.set()
        beater.join()


@dataclass
class Sweep:
    retried: int = 0
    failed: int = 0

    def count(self, done: str, what: str) -> None:
        """Tallies one settled job ("retried" or "failed"; "" when there was nothing to do)."""
        if done:
            logger.warning("%s lost its worker: %s", what, done)
            setattr(self, done, getattr(self, done) + 1)


def lost_jobs(kind: JobKind, *, now=None):
    cutoff = (now or timezone.now()) - timedelta(seconds=LEASE_SECONDS)
    return kind.model.objects.filter(heartbeat_at__lt=cutoff).exclude(status__in=kind.finished)


def _settle(kind: JobKind, pk: int, cutoff) -> str:
    """Retries or fails one lost job under its row lock; returns what was done."""
    with transaction.atomic():
        job = kind.model.objects.select_for_update().filter(pk=pk, heartbeat_at__lt=cutoff)
        job = job.exclude(status__in=kind.finished).first()
        if job is None:  # it beat, finished or was settled by another sweep meanwhile
            return ""
        if kind.requeue is not None and job.attempts < MAX_ATTEMPTS:
            enqueue = kind.requeue(job)
            job.heartbeat_at = None
            job.save(update_fields=["heartbeat_at"])
            transaction.on_commit(enqueue)
            return "retried"
        kind.fail(job, lost_reason(job.attempts))
        return "failed"


def lost_reason(attempts: int) -> str:
    return gettext("处理任务的进程已停止响应（已尝试 %(n)s 次），未写入任何数据。") % {
        "n": attempts
    }


def sweep_lost_jobs(*, now=None) -> Sweep:
    """Retries or fails every registered job whose worker has stopped beating."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=LEASE_SECONDS)
    sweep = Sweep()
    for kind in KINDS:
        for pk in list(lost_jobs(kind, now=now).values_list("pk", flat=True)):
            sweep.count(_settle(kind, pk, cutoff), f"{kind.model.__name__} {pk}")
    return sweep
