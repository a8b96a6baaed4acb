"""Guests' cached thread pages answered by GuestPageMiddleware, ahead of the session, CSRF,
authentication and messages middleware: the same page and headers as the full chain gives,
every view counted, never for a signed-in reader."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.urls import reverse

from zhengxie.portal.services.pages import page_key
from zhengxie.portal.services.views_counter import pending_views

EARLY = "zhengxie.portal.middleware.GuestPageMiddleware"
PER_REQUEST_HEADERS = {"X-Request-ID"}
VIEWS = re.compile(rb'data-testid="views">\d+<')


@pytest.fixture
def user_middleware_runs(monkeypatch):
    """How many requests went through the authentication middleware."""
    runs = []
    original = AuthenticationMiddleware.process_request

    def counted(self, request):
        runs.append(request.path)
        return original(self, request)

    monkeypatch.setattr(AuthenticationMiddleware, "process_request", counted)
    return runs


def _comparable(response) -> tuple[bytes, dict]:
    headers = {k: v for k, v in response.headers.items() if k not in PER_REQUEST_HEADERS}
    return VIEWS.sub(b"", response.content), headers


@pytest.mark.parametrize(
    ("language", "request_headers"),
    [
        ("zh-hans", {}),
        ("en", {"HTTP_ACCEPT_LANGUAGE": "en"}),
        ("en", {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=en"}),
    ],
)
def test_the_early_page_is_the_full_chains_page(
    client, thread, settings, user_middleware_runs, language, request_headers
):
    # given a guest page cached by the view
    url = reverse("portal:thread", args=[thread.pk])
    client.get(url, **request_headers)
    # when one guest is answered early and another by the whole chain and the view
    early = client.get(url, **request_headers)
    runs_before_full_chain = len(user_middleware_runs)
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != EARLY]
    full = client.get(url, **request_headers)
    # then the early one skipped the user middleware and both carry the same page and headers
    assert runs_before_full_chain == 1
    assert early["Content-Language"] == language
    assert _comparable(early) == _comparable(full)
    assert early["X-Request-ID"] != full["X-Request-ID"]
    assert f'<html lang="{language}">' in early.content.decode()


def test_the_early_page_keeps_the_security_headers(client, thread):
    url = reverse("portal:thread", args=[thread.pk])
    client.get(url)
    response = client.get(url)
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert {"Accept-Language", "Cookie"} <= set(re.split(r",\s*", response["Vary"]))
    assert response["X-Request-ID"]


def test_every_early_view_is_counted_once(client, thread, user_middleware_runs):
    url = reverse("portal:thread", args=[thread.pk])
    for _ in range(7):
        response = client.get(url)
    assert pending_views([thread.pk]) == {thread.pk: 7}
    assert 'data-testid="views">7<' in response.content.decode()
    assert len(user_middleware_runs) == 1  # only the first, which rendered the page


def test_a_signed_in_reader_never_gets_the_guest_page(client, thread, resident):
    # given a cached guest page
    url = reverse("portal:thread", args=[thread.pk])
    client.get(url)
    # when a resident signs in and opens it
    client.force_login(resident)
    html = client.get(url).content.decode()
    # then the resident gets the reply form, not the guest's login prompt
    assert 'name="body"' in html
    assert "您需要登录后才可以回帖" not in html
    assert pending_views([thread.pk]) == {thread.pk: 2}


def test_the_author_filter_and_flash_messages_go_through_the_view(
    client, thread, user_middleware_runs
):
    url = reverse("portal:thread", args=[thread.pk])
    client.get(url)
    client.get(url, {"authorid": thread.author_id})
    client.cookies["messages"] = "pending"
    client.get(url)
    assert len(user_middleware_runs) == 3


def test_a_guest_page_with_a_form_is_not_shared(client, thread, monkeypatch):
    # given a board that would let guests reply (their page then has a form and a CSRF token)
    monkeypatch.setattr("zhengxie.portal.views.forum.permissions.can_reply", lambda *a: True)
    url = reverse("portal:thread", args=[thread.pk])
    # when two guests open the thread
    pages = [client.get(url) for _ in range(2)]
    # then each gets its own token through the full chain and nothing is cached to share
    for page in pages:
        assert "csrfmiddlewaretoken" in page.content.decode()
    assert settings.CSRF_COOKIE_NAME in pages[0].cookies
    assert cache.get(page_key(thread.pk, 1, "zh-hans")) is None
    assert pending_views([thread.pk]) == {thread.pk: 2}
