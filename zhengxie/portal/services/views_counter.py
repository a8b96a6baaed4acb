"""Thread views: every page view counts, exactly, without a write on the thread row.

With Redis (REDIS_URL) a view is one HINCRBY on a hash; without it, one upsert on the
ThreadViewBuffer side table (Discuz's forum_threadaddviews). `flush_views` folds the buffer
into Thread.views; pages show stored + buffered (Discuz function_forum.php adds addviews).
"""

from django.db import connection, transaction
from django.db.models import F

from ..models import Thread, ThreadViewBuffer
from .counters import redis_client, views_hash_key
from .pages import invalidate_thread_pages


def record_view(*, thread_id: int) -> int:
    """Count one view; returns the thread's buffered (not yet folded) views."""
    client = redis_client()
    if client is not None:
        return int(client.hincrby(views_hash_key(), str(thread_id), 1))
    table = ThreadViewBuffer._meta.db_table
    # One statement, atomic on both SQLite and PostgreSQL: insert or add one.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (thread_id, pending) VALUES (%s, 1) "
            f"ON CONFLICT (thread_id) DO UPDATE SET pending = {table}.pending + 1 "
            "RETURNING pending",
            [thread_id],
        )
        return int(cursor.fetchone()[0])


def pending_views(thread_ids: list[int]) -> dict[int, int]:
    if not thread_ids:
        return {}
    client = redis_client()
    if client is not None:
        values = client.hmget(views_hash_key(), [str(i) for i in thread_ids])
        return {i: int(v or 0) for i, v in zip(thread_ids, values, strict=True)}
    rows = ThreadViewBuffer.objects.filter(thread_id__in=thread_ids)
    found = dict(rows.values_list("thread_id", "pending"))
    return {i: found.get(i, 0) for i in thread_ids}


def _fold(counts: dict[int, int]) -> None:
    with transaction.atomic():
        for thread_id, count in counts.items():
            if count:
                Thread.objects.filter(pk=thread_id).update(views=F("views") + count)
    # Cached guest pages carry the stored count they were rendered with: drop them.
    for thread in Thread.objects.filter(pk__in=list(counts)).only("pk", "max_floor"):
        invalidate_thread_pages(thread)


def flush_views() -> int:
    """Fold buffered views into Thread.views; returns how many views were folded."""
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


def _flush_redis(client) -> int:
    key = views_hash_key()
    staging = f"{key}:flushing"
    # RENAME is atomic: views arriving after it start a fresh hash and are kept for next time.
    if not client.exists(staging):
        if not client.exists(key):
            return 0
        client.rename(key, staging)
    counts = {int(k): int(v) for k, v in client.hgetall(staging).items()}
    try:
        _fold(counts)
    except Exception:
        # Put the counts back so a failed fold loses nothing, then let the caller see it.
        for thread_id, count in counts.items():
            client.hincrby(key, str(thread_id), count)
        client.delete(staging)
        raise
    client.delete(staging)
    return sum(counts.values())
