"""Where the hot counters live: Redis when REDIS_URL is set, else nothing (the DB buffer)."""

from django.conf import settings
from django.core.cache import cache


def redis_client():
    if not settings.REDIS_URL:
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def views_hash_key() -> str:
    # Under the cache's key prefix, so the suite's cache.clear() also clears pending views.
    return cache.make_key("portal:views")
