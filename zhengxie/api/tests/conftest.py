"""What the API's tests share: a token for a person, and a client that sends it."""

import pytest
from django.test import Client

from zhengxie.core.services.api_tokens import issue_token
from zhengxie.core.tests.conftest import english_catalog  # noqa: F401  (the fixture)

# The apps' own worlds, for the API's tests of the same records.
from zhengxie.instructions.tests.conftest import (  # noqa: F401  (the fixtures)
    adopted,
    author,
    leader,
    unit,
    unit_user,
)
from zhengxie.jobs.tests.conftest import (  # noqa: F401  (the fixtures)
    employer,
    job,
    owner,
    resume,
    seeker,
    town,
)


def bearer(user, device_name: str = "测试手机") -> dict:
    """The headers a signed-in app sends, for a fresh token of the user."""
    return {"Authorization": f"Bearer {issue_token(user=user, device_name=device_name).token}"}


class ApiClient:
    """A test client speaking JSON to /api/v1/, with or without a token."""

    def __init__(self, headers: dict | None = None):
        self.client = Client()
        self.headers = headers or {}

    def _send(self, method: str, path: str, data=None, headers=None, **query):
        url = f"/api/v1{path}"
        kwargs = {"headers": {**self.headers, **(headers or {})}}
        if method == "get":
            return self.client.get(url, query or None, **kwargs)
        body = {} if data is None else data
        return getattr(self.client, method)(url, body, content_type="application/json", **kwargs)

    def get(self, path: str, headers=None, **query):
        return self._send("get", path, headers=headers, **query)

    def post(self, path: str, data=None, headers=None):
        return self._send("post", path, data, headers)

    def put(self, path: str, data=None, headers=None):
        return self._send("put", path, data, headers)

    def patch(self, path: str, data=None, headers=None):
        return self._send("patch", path, data, headers)

    def delete(self, path: str, headers=None):
        return self._send("delete", path, headers=headers)


@pytest.fixture
def api_as():
    """api_as(user) -> an ApiClient signed in as the user; api_as(None) a guest."""

    def make(user=None) -> ApiClient:
        return ApiClient(bearer(user) if user is not None else None)

    return make
