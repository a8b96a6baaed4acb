"""The guests' thread-page cache (Discuz cachethread, Discourse's anonymous cache).

A guest page is the same for every guest except the view count and the CSRF token, so the
rendered page is cached with placeholders for both and filled per request; views still count
on every hit. Any change to the thread deletes its cached pages.
"""

from django.conf import settings
from django.core.cache import cache

from ..rules import POSTS_PER_PAGE

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
