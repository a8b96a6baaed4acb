"""Script typed into the forum stays text: a resident's name, thread, reply and report, as every
page that shows them renders them (zhengxie/core/tests/xss_payloads.py lists the payloads).

The forum is written once for the module, one resident and one thread per payload, through the
registration and posting forms; the tests then read it as the author, a guest and the staff.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.challenge import SESSION_KEY
from zhengxie.core.models import Role, User
from zhengxie.core.services.rules import set_rule
from zhengxie.core.tests.xss_audit import unsafe_markup
from zhengxie.core.tests.xss_payloads import PAYLOADS
from zhengxie.portal import rules
from zhengxie.portal.factories import make_board
from zhengxie.portal.models import Thread
from zhengxie.portal.rules import THREADS_PER_PAGE

MARK = "协商议题"  # a word the search finds every thread by


def _as(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _register(n: int, payload: str) -> tuple[User, list[str]]:
    """A resident who signs up with the payload as their name, old enough to post links.
    Each signs up from an address of their own (TEST-NET-1), under the per-address limit."""
    client = Client(REMOTE_ADDR=f"192.0.2.{n + 1}")
    client.get(reverse("core:register"))  # asks the human check's question
    response = client.post(
        reverse("core:register"),
        {
            "username": f"xss{n}",
            "display_name": payload.replace("\x00", "")[:40],
            "password1": core.PASSWORD,
            "password2": core.PASSWORD,
            "answer": client.session[SESSION_KEY],
        },
    )
    user = User.objects.get(username=f"xss{n}")
    User.objects.filter(pk=user.pk).update(date_joined=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    return user, unsafe_markup(response.content.decode())


def _write(board, n: int, payload: str) -> SimpleNamespace:
    """Thread, reply and report by one resident; what each form answered is audited."""
    author, problems = _register(n, payload)
    client = _as(author)
    answer = client.post(
        reverse("portal:thread_create", args=[board.pk]),
        {"title": f"{MARK}{payload}", "body": f"正文{payload}", "topic_title": payload},
    )
    problems += unsafe_markup(answer.content.decode())
    thread = Thread.objects.filter(author=author).first()
    if thread is None:
        return SimpleNamespace(author=author, thread=None, posts=[], problems=problems)
    client.post(reverse("portal:reply", args=[thread.pk]), {"body": f"回复{payload}"})
    reply = thread.posts.get(floor=2)
    client.post(reverse("portal:post_report", args=[reply.pk]), {"reason": payload})
    posts = [thread.posts.get(floor=1), reply]
    return SimpleNamespace(author=author, thread=thread, posts=posts, problems=problems)


@pytest.fixture(scope="module")
def forum(module_db):
    city = core.make_committee(code="city", name="测试市政协")
    set_rule(actor=None, committee=city, key=rules.FLOOD_SECONDS, value=0)
    board = make_board(committee=city)
    written = {payload: _write(board, n, payload) for n, payload in enumerate(PAYLOADS)}
    staff = core.make_user(role=Role.STAFF, committee=city)
    return SimpleNamespace(board=board, staff=staff, written=written)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_forum_record_pages_show_typed_script_as_text(db, forum, payload):
    # given: the resident's thread, reply and report carrying the payload
    written = forum.written[payload]
    assert written.problems == []
    if "\x00" in payload:  # a null byte is refused; the form shown again was audited
        assert written.thread is None
        return
    urls = [
        reverse("portal:thread", args=[written.thread.pk]),
        reverse("portal:reader", args=[written.thread.pk]),
        reverse("portal:profile", args=[written.author.pk]),
        *[reverse("portal:post_edit", args=[post.pk]) for post in written.posts],
    ]
    for who in (written.author, forum.staff):
        client = _as(who)
        for url in urls:
            # when
            response = client.get(url)
            # then
            assert response.status_code == 200, (who, url)
            assert unsafe_markup(response.content.decode()) == [], (who, url)


def test_forum_lists_search_and_moderation_show_typed_script_as_text(db, forum):
    # given: every payload's thread on the board, its reply reported
    board = reverse("portal:board", args=[forum.board.pk])
    pages = range(1, len(PAYLOADS) // THREADS_PER_PAGE + 2)
    urls = [
        reverse("portal:home"),
        *[f"{board}?page={n}" for n in pages],
        reverse("portal:search") + f"?q={MARK}",
        reverse("portal:search") + "?q=回复",
    ]
    for who in (None, forum.staff):
        client = _as(who)
        for url in urls:
            # when
            response = client.get(url)
            # then
            assert unsafe_markup(response.content.decode()) == [], (who, url)
    queue = _as(forum.staff).get(reverse("portal:moderation")).content.decode()
    assert unsafe_markup(queue) == [] and "alert(1)" in queue
