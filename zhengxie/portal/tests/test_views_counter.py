"""Every page view counts, exactly, without writing the thread row per request."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhengxie.portal.models import Thread
from zhengxie.portal.services.views_counter import (
    ViewBuffer,
    flush_views,
    pending_views,
    record_view,
)


def test_each_view_counts_and_the_page_shows_stored_plus_buffered(client, thread):
    url = reverse("portal:thread", args=[thread.pk])
    # when
    for _ in range(3):
        client.get(url)
    html = client.get(url).content.decode()
    # then: four views shown, none yet on the thread row
    assert 'data-testid="views">4<' in html
    thread.refresh_from_db()
    assert thread.views == 0
    assert pending_views([thread.pk]) == {thread.pk: 4}


def test_flush_folds_the_buffer_into_the_thread_and_totals_stay(client, thread):
    url = reverse("portal:thread", args=[thread.pk])
    for _ in range(5):
        client.get(url)
    # when
    folded = flush_views()
    html = client.get(url).content.decode()
    # then
    assert folded == 5
    thread.refresh_from_db()
    assert thread.views == 5
    assert pending_views([thread.pk]) == {thread.pk: 1}
    assert 'data-testid="views">6<' in html
    assert flush_views() == 1 and flush_views() == 0


def test_a_view_never_writes_the_thread_row(client, thread, resident):
    client.force_login(resident)
    url = reverse("portal:thread", args=[thread.pk])
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    assert not any("portal_thread" in sql and '"views"' in sql for sql in writes)


def test_cached_guest_pages_still_count_every_view(client, thread):
    url = reverse("portal:thread", args=[thread.pk])
    for _ in range(10):
        response = client.get(url)
    assert 'data-testid="views">10<' in response.content.decode()


def test_a_guest_page_mints_no_csrf_token_and_a_members_page_does(client, thread, resident):
    # A guest's cached page has no form to post, so serving it costs no new CSRF secret.
    url = reverse("portal:thread", args=[thread.pk])
    for _ in range(2):  # the first renders and caches, the second is served from the cache
        guest = client.get(url)
        assert settings.CSRF_COOKIE_NAME not in guest.cookies
        assert "csrfmiddlewaretoken" not in guest.content.decode()
    client.force_login(resident)
    assert "csrfmiddlewaretoken" in client.get(url).content.decode()


def test_a_reply_refreshes_the_cached_guest_page(
    client, thread, resident, django_capture_on_commit_callbacks
):
    from zhengxie.portal.services import posting

    url = reverse("portal:thread", args=[thread.pk])
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(user=resident, thread=thread, body="新的回复", skip_limits=True)
    html = client.get(url).content.decode()
    assert "新的回复" in html
    assert 'data-testid="replies">1<' in html


def test_board_list_shows_buffered_views(client, thread):
    client.get(reverse("portal:thread", args=[thread.pk]))
    client.get(reverse("portal:thread", args=[thread.pk]))
    html = client.get(reverse("portal:board", args=[thread.board_id])).content.decode()
    assert "0/2" in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_thousand_concurrent_views_add_exactly_a_thousand(city, make_user):
    # given: PostgreSQL with Redis (the production path)
    assert settings.REDIS_URL, "run with REDIS_URL set"
    from zhengxie.core.models import Role
    from zhengxie.portal.factories import make_board, make_thread

    board = make_board(committee=city)
    thread = make_thread(board=board, author=make_user(Role.STAFF, city))
    url = reverse("portal:thread", args=[thread.pk])
    statuses, lock = [], threading.Lock()

    def view(count):
        browser = Client()
        try:
            for _ in range(count):
                code = browser.get(url).status_code
                with lock:
                    statuses.append(code)
        finally:
            connection.close()

    # when: 1,000 views from 20 threads at once, with a flush in the middle of them
    workers = [threading.Thread(target=view, args=(50,)) for _ in range(20)]
    for worker in workers:
        worker.start()
    flush_views()
    for worker in workers:
        worker.join()
    flush_views()
    # then
    assert statuses == [200] * 1000
    assert Thread.objects.get(pk=thread.pk).views == 1000
    assert pending_views([thread.pk]) == {thread.pk: 0}


def _record(thread, count: int) -> None:
    from zhengxie.portal.services.views_counter import record_view

    for _ in range(count):
        record_view(thread_id=thread.pk)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_flushes_count_every_view_once(thread, monkeypatch):
    # given 40 buffered views, and a first flush held between its fold and its commit
    assert settings.REDIS_URL, "run with REDIS_URL set"
    from zhengxie.portal.services import views_counter

    _record(thread, 40)
    folding, release = threading.Event(), threading.Event()
    fold = views_counter._fold

    def slow_fold(counts):
        fold(counts)
        if threading.current_thread().name == "first":
            folding.set()
            release.wait(10)

    monkeypatch.setattr(views_counter, "_fold", slow_fold)
    folded = {}

    def flush(name):
        try:
            folded[name] = flush_views()
        finally:
            connection.close()

    first = threading.Thread(target=flush, args=("first",), name="first")
    first.start()
    assert folding.wait(10)
    # when a second flush starts while the first is still folding, and more views arrive
    second = threading.Thread(target=flush, args=("second",), name="second")
    second.start()
    _record(thread, 2)
    second.join(0.5)
    release.set()
    first.join()
    second.join()
    # then the 40 views were folded once, by one of them, and the 2 later ones wait
    assert sorted(folded.values()) == [0, 40]
    assert Thread.objects.get(pk=thread.pk).views == 40
    assert pending_views([thread.pk]) == {thread.pk: 2}
    assert flush_views() == 2 and Thread.objects.get(pk=thread.pk).views == 42


@pytest.mark.skipif(not settings.REDIS_URL, reason="the Redis buffer: run with REDIS_URL set")
def test_a_batch_folded_before_a_crash_is_not_folded_again(thread):
    # given a flush that folded its batch and died before removing it from Redis
    from zhengxie.portal.models import ViewFold
    from zhengxie.portal.services import views_counter
    from zhengxie.portal.services.counters import redis_client, views_hash_key

    _record(thread, 5)
    client, key = redis_client(), views_hash_key()
    client.eval(views_counter.STAGE, 2, key, f"{key}:flushing", "crashed-batch")
    ViewFold.objects.create(batch="crashed-batch")
    views_counter._fold({thread.pk: 5})
    _record(thread, 1)
    # when the next flushes run
    first, second = flush_views(), flush_views()
    # then the folded batch is dropped unfolded, and only the later view is added
    assert (first, second) == (0, 1)
    assert Thread.objects.get(pk=thread.pk).views == 6
    assert pending_views([thread.pk]) == {thread.pk: 0}


def test_views_buffered_in_the_process_fold_exactly(client, thread):
    url = reverse("portal:thread", args=[thread.pk])
    for _ in range(7):
        client.get(url)
    # the render and the shared hit counted at once; the five hits on this process's copy wait
    assert record_view(thread_id=thread.pk, count=0) == 2
    assert flush_views() == 7
    thread.refresh_from_db()
    assert thread.views == 7
    assert flush_views() == 0


def test_buffered_views_reach_the_shared_count_by_themselves(monkeypatch):
    added, done = [], threading.Event()

    def record(*, thread_id, count):
        added.append((thread_id, count))
        if len(added) == 2:
            done.set()

    monkeypatch.setattr("zhengxie.portal.services.views_counter.record_view", record)
    buffer = ViewBuffer(seconds=0.05)
    for thread_id in (1, 1, 2, 1):
        buffer.add(thread_id)
    assert done.wait(timeout=10)
    assert sorted(added) == [(1, 3), (2, 1)]
    assert not buffer.counts and buffer.timer is None


def test_a_flush_that_fails_keeps_the_views_it_could_not_add(monkeypatch):
    added = []

    def record(*, thread_id, count):
        if thread_id == 2:
            raise ConnectionError("redis went away")
        added.append((thread_id, count))

    monkeypatch.setattr("zhengxie.portal.services.views_counter.record_view", record)
    buffer = ViewBuffer(seconds=3600)
    for thread_id in (1, 2, 2):
        buffer.add(thread_id)
    with pytest.raises(ConnectionError):
        buffer.flush()
    assert added == [(1, 1)] and buffer.counts == {2: 2}
