"""How often one client address may try something: the sign-in, the registration, and any
other door a script could hammer.

The address is the peer's, unless the peer is one of our own reverse proxies (the
TRUSTED_PROXIES setting, empty by default): only then is X-Forwarded-For read, from the right,
skipping our proxies, so a client cannot choose its address by sending the header itself. The
same function feeds django-axes (AXES_CLIENT_IP_CALLABLE), so the lockout and the throttles
agree on who the client is.

A throttle counts in the cache, in a fixed window that opens with the first attempt: cheap
enough for every request, shared by every app server when the cache is Redis, and lost
harmlessly when the cache restarts.
"""

import ipaddress
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    """The address of the client who sent the request, as far as our own proxies vouch."""
    address = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(address):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    # Each proxy appends the address it received from; walk back past our own proxies.
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        address = hop
        if not is_trusted_proxy(hop):
            break
    return address


@dataclass(frozen=True)
class Throttle:
    """At most `limit` attempts per client key in `window` seconds."""

    scope: str
    limit: int
    window: int

    def _key(self, key: str) -> str:
        return f"throttle:{self.scope}:{key}"

    def is_exhausted(self, key: str) -> bool:
        return (cache.get(self._key(key)) or 0) >= self.limit

    def record(self, key: str) -> int:
        """Counts one attempt; returns the attempts made in the current window."""
        cache_key = self._key(key)
        cache.add(cache_key, 0, self.window)
        try:
            return cache.incr(cache_key)
        except ValueError:  # the window closed between add and incr
            cache.set(cache_key, 1, self.window)
            return 1


class Throttled(Exception):
    """Too many attempts: what to tell the person and how many seconds to wait at most."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class QuotaReached(ValidationError):
    """A service's own quota is used up (a resident's reports of the day, say): a refusal a
    form shows like its other errors, which the API answers with 429 and `retry_after`, the
    seconds until the quota resets, as Retry-After."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message, code="throttled")
        self.retry_after = retry_after
