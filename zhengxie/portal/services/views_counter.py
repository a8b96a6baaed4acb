"""Thread views: every page view counts, exactly, without a write on the thread row.

With Redis (REDIS_URL) a view is one HINCRBY on a hash; without it, one upsert on the
ThreadViewBuffer side table (Discuz's forum_threadaddviews). `flush_views` folds the buffer
into Thread.views; pages show stored + buffered (Discuz function_forum.php adds addviews).

A flush may overlap another (two periodic runners, a slow fold and the next tick) or die half
way: each batch of Redis views is folded exactly once (see `_flush_redis`); the database
buffer's rows are locked and decremented by what was folded, so a second flush waits and then
sees only the views that came after.

Views of pages a process answers from its own copy (services.pages) are gathered in its
`view_buffer` and added to that shared count at most LOCAL_SECONDS later, when this process
reads or folds the counts, and when it exits; a process killed outright loses its last second.
"""

import atexit
import logging
import secrets
import threading
from collections import Counter
from datetime import timedelta

from django.db import IntegrityError, connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Thread, ThreadViewBuffer, ViewFold
from .counters import redis_client, views_hash_key
from .pages import LOCAL_SECONDS, invalidate_thread_pages

logger = logging.getLogger(__name__)


def record_view(*, thread_id: int, count: int = 1) -> int:
    """Count views (one by default); returns the thread's buffered (not yet folded) views."""
    client = redis_client()
    if client is not None:
        return int(client.hincrby(views_hash_key(), str(thread_id), count))
    table = ThreadViewBuffer._meta.db_table
    # One statement, atomic on both SQLite and PostgreSQL: insert or add.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (thread_id, pending) VALUES (%s, %s) "
            f"ON CONFLICT (thread_id) DO UPDATE SET pending = {table}.pending + %s "
            "RETURNING pending",
            [thread_id, count, count],
        )
        return int(cursor.fetchone()[0])


class ViewBuffer:
    """Views counted in this process, added to the shared count by `flush`: by a timer
    `seconds` after the first view since the last flush, or sooner when called."""

    def __init__(self, seconds: float = LOCAL_SECONDS):
        self.seconds = seconds
        self.counts = Counter()
        self.timer = None
        self.lock = threading.Lock()  # the counts and the timer
        self.flushing = threading.Lock()  # a whole flush: the counts in transit are in no count

    def add(self, thread_id: int) -> None:
        with self.lock:
            self.counts[thread_id] += 1
            if self.timer is None:
                self.timer = threading.Timer(self.seconds, self._flush_on_timer)
                self.timer.daemon = True  # exit does not wait for it: the exit flush runs
                self.timer.start()

    def flush(self) -> None:
        with self.flushing:
            with self.lock:
                counts, self.counts = self.counts, Counter()
                if self.timer is not None:
                    self.timer.cancel()
                    self.timer = None
            try:
                for thread_id, count in list(counts.items()):
                    record_view(thread_id=thread_id, count=count)
                    del counts[thread_id]
            finally:
                with self.lock:  # what could not be added waits for the next flush
                    self.counts.update(counts)

    def _flush_on_timer(self) -> None:
        try:
            self.flush()
        except Exception:
            logger.exception("buffered thread views not added; they wait for the next flush")
        finally:
            connections.close_all()  # this thread's own connections, when on the database


view_buffer = ViewBuffer()
atexit.register(lambda: view_buffer.flush())


def pending_views(thread_ids: list[int]) -> dict[int, int]:
    if not thread_ids:
        return {}
    view_buffer.flush()
    client = redis_client()
    if client is not None:
        # A batch being folded still counts as pending until its fold has committed.
        fields = [str(i) for i in thread_ids]
        pipe = client.pipeline(transaction=False)
        pipe.hmget(views_hash_key(), fields)
        pipe.hmget(_staging_key(views_hash_key()), fields)
        fresh, staged = pipe.execute()
        pairs = zip(thread_ids, fresh, staged, strict=True)
        return {i: int(a or 0) + int(b or 0) for i, a, b in pairs}
    rows = ThreadViewBuffer.objects.filter(thread_id__in=thread_ids)
    found = dict(rows.values_list("thread_id", "pending"))
    return {i: found.get(i, 0) for i in thread_ids}


def _fold(counts: dict[int, int]) -> None:
    if not counts:
        return
    with transaction.atomic():
        for thread_id, count in counts.items():
            if count:
                Thread.objects.filter(pk=thread_id).update(views=F("views") + count)
    # Cached guest pages carry the stored count they were rendered with: drop them.
    for thread in Thread.objects.filter(pk__in=list(counts)).only("pk", "max_floor"):
        invalidate_thread_pages(thread)


def flush_views() -> int:
    """Fold buffered views into Thread.views; returns how many views were folded."""
    view_buffer.flush()
    client = redis_client()
    if client is not None:
        return _flush_redis(client)
    with transaction.atomic():
        rows = list(ThreadViewBuffer.objects.select_for_update().filter(pending__gt=0))
        counts = {row.thread_id: row.pending for row in rows}
        _fold(counts)
        # Subtract what was folded rather than zeroing: views that land meanwhile survive.
        for thread_id, count in counts.items():
            ThreadViewBuffer.objects.filter(pk=thread_id).update(pending=F("pending") - count)
    return sum(counts.values())


# Atomic in Redis: the pending views move to the staging hash under a new batch name, unless an
# earlier flush's batch is still staged (it crashed, or it is folding right now); either way
# the staged batch is returned. Views arriving later start a fresh hash for the next flush.
STAGE = """
if redis.call('EXISTS', KEYS[2]) == 0 then
  if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('HSET', KEYS[2], '__batch', ARGV[1])
end
return redis.call('HGETALL', KEYS[2])
"""
# Removes the staged batch only if it is still the one this flush folded.
UNSTAGE = """
if redis.call('HGET', KEYS[1], '__batch') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
FOLDS_KEPT = timedelta(days=7)  # a staged batch older than a week cannot come back


def _staging_key(key: str) -> str:
    return f"{key}:flushing"


def _flush_redis(client) -> int:
    """Folds the staged batch exactly once: its name goes into ViewFold in the fold's own
    transaction, and a flush that finds the name there (another flush folded it, or this
    batch was folded before a crash left it staged) only removes the staged copy."""
    key = views_hash_key()
    staging = _staging_key(key)
    staged = client.eval(STAGE, 2, key, staging, secrets.token_hex(16))
    if not staged:
        return 0
    fields = {_text(k): _text(v) for k, v in _pairs(staged)}
    batch = fields.pop("__batch")
    counts = {int(thread_id): int(count) for thread_id, count in fields.items()}
    try:
        with transaction.atomic():
            ViewFold.objects.create(batch=batch)
            _fold(counts)
    except IntegrityError:  # folded already: by an overlapping flush, or before a crash
        counts = {}
    client.eval(UNSTAGE, 1, staging, batch)
    ViewFold.objects.filter(folded_at__lt=timezone.now() - FOLDS_KEPT).delete()
    return sum(counts.values())


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _pairs(flat: list) -> list[tuple]:
    return list(zip(flat[::2], flat[1::2], strict=True))
