"""Rate limits on the API, counted by core.throttle like the sign-in's: one per client address
for every request (a plenary venue puts hundreds of members behind one), one per token for
signed-in requests (one runaway app cannot starve its neighbours behind the same address).
ninja runs them after authentication, so request.auth is the token when there is one."""

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from zhengxie.core.models import ApiToken
from zhengxie.core.throttle import Throttle, client_address

WINDOW = 60  # seconds


class _Limit(BaseThrottle):
    def __init__(self, throttle: Throttle):
        self.throttle = throttle

    def key(self, request: HttpRequest) -> str | None:
        raise NotImplementedError

    def allow_request(self, request: HttpRequest) -> bool:
        key = self.key(request)
        if key is None:
            return True
        return self.throttle.record(key) <= self.throttle.limit

    def wait(self) -> float:
        return float(self.throttle.window)


class PerAddress(_Limit):
    def key(self, request: HttpRequest) -> str | None:
        return client_address(request)


class PerToken(_Limit):
    def key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        return str(token.pk) if isinstance(token, ApiToken) else None


def api_throttles() -> list[BaseThrottle]:
    return [
        PerAddress(Throttle("api-address", settings.API_REQUESTS_PER_ADDRESS, WINDOW)),
        PerToken(Throttle("api-token", settings.API_REQUESTS_PER_TOKEN, WINDOW)),
    ]
