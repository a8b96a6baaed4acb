"""Bearer tokens (core.services.api_tokens): `Authorization: Bearer zx_…`.

A live token puts its person on request.user, so routers and services see the same user the
web would; request.auth is the token row (for refresh, "this device", the per-token limit).
"""

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
