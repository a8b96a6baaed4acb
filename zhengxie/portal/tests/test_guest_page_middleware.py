"""Guests' cached thread pages answered by GuestPageMiddleware, ahead of the session, CSRF,
authentication and messages middleware: the same page and headers as the full chain gives,
every view counted, never for a signed-in reader."""

import re
import time

import pytest
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.urls import reverse

from zhengxie.portal.services import pages, views_counter
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


@pytest.fixture
def shared_calls(monkeypatch):
    """Each time a guest page asked the shared cache (Redis) or counted a view there."""
    calls = []
    client, record = pages.redis_client, views_counter.record_view
    monkeypatch.setattr(pages, "redis_client", lambda: calls.append("cache") or client())
    monkeypatch.setattr(
        views_counter, "record_view", lambda **kw: calls.append("count") or record(**kw)
    )
    return calls


def _later(monkeypatch, seconds: float) -> None:
    now = time.monotonic()
    monkeypatch.setattr(pages, "monotonic", lambda: now + seconds)


def test_within_the_window_a_guest_hit_asks_the_shared_cache_nothing(
    client, thread, shared_calls, monkeypatch
):
    # given a page fetched once from the shared cache into this process
    url = reverse("portal:thread", args=[thread.pk])
    client.get(url)
    client.get(url)
    shared_calls.clear()
    # when five more guests open it within the window
    for _ in range(5):
        response = client.get(url)
    # then no request went to the shared cache, and every view is shown
    assert shared_calls == []
    assert 'data-testid="views">7<' in response.content.decode()
    # and the copy is kept per language, like the shared page
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in english
    # and after the window the page comes from the shared cache again
    shared_calls.clear()
    _later(monkeypatch, pages.LOCAL_SECONDS)
    client.get(url)
    assert "cache" in shared_calls


def test_another_processs_reply_shows_to_guests_after_the_window(
    client, thread, resident, django_capture_on_commit_callbacks, monkeypatch
):
    from zhengxie.portal.services import posting

    url = reverse("portal:thread", args=[thread.pk])
    client.get(url)
    client.get(url)
    # a reply in this process drops this process's copy at once
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(user=resident, thread=thread, body="本进程的回复", skip_limits=True)
    assert "本进程的回复" in client.get(url).content.decode()
    client.get(url)
    # given a reply made in another process, which deletes only the shared page
    monkeypatch.setattr(pages.local_pages, "forget", lambda keys: None)
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(user=resident, thread=thread, body="别的进程的回复", skip_limits=True)
    # then this process's copy answers until the window ends, and then the reply shows
    assert "别的进程的回复" not in client.get(url).content.decode()
    _later(monkeypatch, pages.LOCAL_SECONDS)
    assert "别的进程的回复" in client.get(url).content.decode()


def test_a_process_keeps_a_bounded_number_of_pages():
    copies = pages.LocalPages(size=3)
    for n in range(5):
        copies.keep(f"page-{n}", {"n": n}, 0)
    copies.hit("page-2")  # used lately: stays
    copies.keep("page-5", {"n": 5}, 0)
    assert set(copies.copies) == {"page-2", "page-4", "page-5"}
