"""The guests' thread-page cache (Discuz cachethread, Discourse's anonymous cache).

A guest page is the same for every guest except the view count and the CSRF token, so the
rendered page is cached with placeholders for both and filled per request; views still count
on every hit. Any change to the thread deletes its cached pages.

Each process also keeps the pages it fetched from the shared cache for LOCAL_SECONDS (nginx's
proxy_cache micro-caching): a hit then costs no round trip, and its view goes to the
process's view buffer (services.views_counter), which reaches the shared counter within a
second. A change deletes this process's copies at once; other processes' copies live out
their second, so a new reply or an edit shows to every guest at most LOCAL_SECONDS late.
"""

import threading
from collections import OrderedDict
from time import monotonic

from django.conf import settings
from django.core.cache import cache

from ..rules import POSTS_PER_PAGE
from .counters import redis_client, views_hash_key

PAGE_SECONDS = 60
LOCAL_SECONDS = 1.0
# The bench thread's cached page of ten floors is some 10 kB: 64 copies stay within a few MB.
LOCAL_PAGES = 64
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
    local_pages.forget(keys)


class LocalPages:
    """This process's short-lived copies of shared pages, least recently used dropped first.
    A copy keeps the buffered views the shared hit returned and adds the views it served."""

    def __init__(self, size: int = LOCAL_PAGES):
        self.size = size
        self.copies = OrderedDict()  # key -> [expires, entry, pending]
        self.lock = threading.Lock()  # a threaded worker serves requests side by side

    def hit(self, key: str) -> tuple[dict, int] | None:
        with self.lock:
            copy = self.copies.get(key)
            if copy is None:
                return None
            if copy[0] <= monotonic():
                del self.copies[key]
                return None
            self.copies.move_to_end(key)
            copy[2] += 1
            return copy[1], copy[2]

    def keep(self, key: str, entry: dict, pending: int) -> None:
        with self.lock:
            self.copies[key] = [monotonic() + LOCAL_SECONDS, entry, pending]
            self.copies.move_to_end(key)
            while len(self.copies) > self.size:
                self.copies.popitem(last=False)

    def forget(self, keys: list[str]) -> None:
        with self.lock:
            for key in keys:
                self.copies.pop(key, None)


local_pages = LocalPages()


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
    if (copy := local_pages.hit(key)) is not None:
        from .views_counter import view_buffer

        view_buffer.add(thread_id)
        return copy
    hit = _shared_hit(key, thread_id)
    if hit is not None:
        local_pages.keep(key, *hit)
    return hit


def _shared_hit(key: str, thread_id: int) -> tuple[dict, int] | None:
    client = redis_client()
    if client is None:
        from .views_counter import record_view

        entry = cache.get(key)
        return None if entry is None else (entry, record_view(thread_id=thread_id))
    raw, pending = client.register_script(_HIT_SCRIPT)(
        keys=[cache.make_key(key), views_hash_key()], args=[thread_id]
    )
    return None if raw is None else (cache.client.decode(raw), int(pending))
