"""A version counter per kind in the shared cache: every process notices that the index
changed and refreshes its in-process similar-texts index before the next query.

A counter starts at a random value, so a counter lost with a cache flush and started again
never repeats a value a process still holds."""

import secrets

from django.core.cache import cache

ALL = "*"


def _key(kind: str) -> str:
    return f"search:similar:version:{kind}"


def bump_version(kind: str | None) -> None:
    key = _key(kind or ALL)
    cache.add(key, secrets.randbits(48), timeout=None)
    cache.incr(key)


def current_version(kind: str) -> tuple[int, int]:
    """The counters of the whole index and of the kind (restarted at random if lost)."""
    keys = [_key(ALL), _key(kind)]
    values = cache.get_many(keys)
    if len(values) < len(keys):
        for key in keys:
            cache.add(key, secrets.randbits(48), timeout=None)
        values = cache.get_many(keys)
    return values.get(keys[0], 0), values.get(keys[1], 0)
