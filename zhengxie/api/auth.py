"""Bearer tokens (core.services.api_tokens): `Authorization: Bearer zx_…`.

A live token puts its person on request.user, so routers and services see the same user the
web would; request.auth is the token row (for refresh, "this device", the per-token limit).
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from zhengxie.core.models import ApiToken
from zhengxie.core.services.api_tokens import token_for


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_for(token)
        if found is not None:
            request.user = found.user
        return found


token_auth = TokenAuth()


class Guest:
    """request.auth of a request without a token on an operation guests may use."""


def guest(request: HttpRequest) -> Guest | None:
    """No Authorization header: a guest, exactly as the web sees one (AnonymousUser, even if
    the browser holds a session). A header with a dead or forged token stays a 401: the app
    must learn its token is gone rather than silently read less."""
    if "Authorization" in request.headers:
        return None
    request.user = AnonymousUser()
    return Guest()


# Operations that web pages open to guests: a token when there is one, else a guest.
token_or_guest = [token_auth, guest]
