"""The guests' thread-page cache (Discuz cachethread, Discourse's anonymous cache).

A guest page is the same for every guest except the view count and the CSRF token, so the
rendered page is cached with placeholders for both and filled per request; views still count
on every hit. Any change to the thread deletes its cached pages.
"""

from django.conf import settings
from django.core.cache import cache

from ..rules import POSTS_PER_PAGE
from .counters import redis_client, views_hash_key

PAGE_SECONDS = 60
VIEWS_MARK = "\x00zx-views\x00"
CSRF_MARK = "\x00zx-csrf\x00"


def page_key(thread_id: int, page: int, language: str) -> str:
    return f"portal:page:{thread_id}:{page}:{language}"


def invalidate_thread_pages(thread) -> None:
    pages = max(1, -(-thread.max_floor // POSTS_PER_PAGE))
    keys = [
        page_key(thread.pk, page, code)
        for page in range(1, pages + 2)
        for code, _name in settings.LANGUAGES
    ]
    cache.delete_many(keys)


# One round trip on the hot path: fetch the cached page and, only if it is there, count the
# view. A miss counts nothing here; the full view path counts it after its checks.
_HIT_SCRIPT = """
local page = redis.call('GET', KEYS[1])
if not page then return {false, 0} end
return {page, redis.call('HINCRBY', KEYS[2], ARGV[1], 1)}
"""


def guest_page_hit(thread_id: int, page: int, language: str) -> tuple[dict, int] | None:
    """The cached guest page and the thread's buffered views after counting this one."""
    key = page_key(thread_id, page, language)
    client = redis_client()
    if client is None:
        from .views_counter import record_view

        entry = cache.get(key)
        return None if entry is None else (entry, record_view(thread_id=thread_id))
    raw, pending = client.register_script(_HIT_SCRIPT)(
        keys=[cache.make_key(key), views_hash_key()], args=[thread_id]
    )
    return None if raw is None else (cache.client.decode(raw), int(pending))
