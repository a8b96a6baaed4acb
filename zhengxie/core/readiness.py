"""Readiness, as a load balancer asks it before sending this process requests: the database
answers, the cache answers, and how long the oldest background task has waited for a worker.
`/healthz` says the process lives; `/readyz` says it can serve. Each probe catches only the
errors its service raises when it is away, so a fault in our own code still shows as a 500
rather than passing for an outage."""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Min
from django.utils import timezone
from django_redis.exceptions import ConnectionInterrupted
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from redis.exceptions import RedisError

# django-redis wraps a lost connection in ConnectionInterrupted; Django's own Redis cache
# raises redis' errors; either may surface a socket's OSError.
CACHE_ERRORS = (ConnectionInterrupted, RedisError, OSError)


def _failure(error: Exception) -> str:
    return f"error: {error.__class__.__name__}"


def probe_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return _failure(error)
    return "ok"


def probe_cache() -> str:
    try:
        cache.set("readyz", "ok", 5)
        answered = cache.get("readyz")
    except CACHE_ERRORS as error:
        return _failure(error)
    return "ok" if answered == "ok" else "error: read back"


def probe_task_queue() -> dict[str, object] | str:
    """The queue's lag in whole seconds; None where tasks run in the request (no queue)."""
    backend = task_backends["default"]
    report: dict[str, object] = {
        "backend": backend.__class__.__name__,
        "oldest_waiting_seconds": None,
    }
    if isinstance(backend, DatabaseBackend):
        # We enqueue without run_after, so a ready task has waited since it was enqueued.
        try:
            oldest = DBTaskResult.objects.ready().aggregate(at=Min("enqueued_at"))["at"]
        except DatabaseError as error:
            return _failure(error)
        if oldest is not None:
            report["oldest_waiting_seconds"] = int((timezone.now() - oldest).total_seconds())
    return report


def probe_readiness() -> tuple[bool, dict[str, object]]:
    """Every probe's answer, and whether all of them answered."""
    answers = {
        "database": probe_database(),
        "cache": probe_cache(),
        "tasks": probe_task_queue(),
    }
    # A working probe answers "ok" or its figures; a failing one the error's name.
    ready = all(answer == "ok" or isinstance(answer, dict) for answer in answers.values())
    return ready, answers
