"""What lists threads and floors shows only what the reader may open (issue #12, item 2)."""

import re

import pytest
from django.urls import reverse

from zhengxie.core.models import Role
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.portal.models import Audience, ModAct, Post
from zhengxie.portal.selectors.forum import latest_threads, list_board_threads
from zhengxie.portal.selectors.people import get_profile
from zhengxie.portal.selectors.search import search_posts
from zhengxie.portal.services import moderation, posting

SECRET_TITLE = "内部协商纪要"
SECRET_REPLY = "委员内部意见稿"
PUBLIC_TITLE = "公开征集意见"


@pytest.fixture
def member(city, make_user):
    return make_user(Role.MEMBER, city)


@pytest.fixture
def members_board(city):
    return make_board(committee=city, view=[Audience.MEMBER, Audience.STAFF])


@pytest.fixture
def secret(board, members_board, member):
    """A member's thread and reply on a members-only board, and a public thread of theirs."""
    thread = make_thread(board=members_board, author=member, title=SECRET_TITLE)
    posting.reply(user=member, thread=thread, body=SECRET_REPLY, skip_limits=True)
    open_thread = make_thread(board=board, author=member, title=PUBLIC_TITLE)
    posting.reply(user=member, thread=open_thread, body="公开回复内容", skip_limits=True)
    return thread


def _reader(name, request):
    return None if name == "guest" else request.getfixturevalue(name)


@pytest.mark.parametrize("reader_name", ["guest", "resident"])
def test_a_profile_shows_no_members_only_titles_or_replies_to_guests_and_residents(
    client, request, member, secret, reader_name
):
    # given: a guest, or a logged-in resident
    reader = _reader(reader_name, request)
    if reader:
        client.force_login(reader)
    # when: they open the member's profile
    page = client.get(reverse("portal:profile", args=[member.pk])).content.decode()
    # then: the public thread is listed, the members-only thread and reply are not
    assert PUBLIC_TITLE in page
    assert SECRET_TITLE not in page and SECRET_REPLY not in page


def test_a_member_sees_members_only_threads_and_replies_on_a_profile(city, member, secret):
    # given: another member of the committee
    # when
    profile = get_profile(member, member, committee_id=city.pk, with_ledger=False)
    # then
    assert SECRET_TITLE in [t.title for t in profile.threads]
    assert SECRET_REPLY in [p.body_text for p in profile.replies]


def test_search_finds_nothing_from_a_members_only_board_for_a_guest(city, secret, member):
    # when
    for_guest = search_posts(user=None, query="协商纪要", committee_id=city.pk)
    for_member = search_posts(user=member, query="协商纪要", committee_id=city.pk)
    # then
    assert for_guest == []
    assert {r.post.thread.title for r in for_member} == {SECRET_TITLE}


def _links_to(page: str, thread) -> bool:
    """Titles may come back highlighted, so the listing is judged by its link to the thread."""
    link = re.escape(reverse("portal:thread", args=[thread.pk])) + '["#]'
    return re.search(link, page) is not None


def _listing_urls(member, members_board) -> dict[str, str]:
    return {
        "home": reverse("portal:home"),
        "board": reverse("portal:board", args=[members_board.pk]),
        "profile": reverse("portal:profile", args=[member.pk]),
        "search": reverse("portal:search") + "?q=协商纪要",
    }


@pytest.mark.parametrize("listing", ["home", "board", "profile", "search"])
@pytest.mark.parametrize("reader_name", ["guest", "resident"])
def test_no_listing_shows_members_only_threads_to_those_who_may_not_open_them(
    client, request, member, members_board, secret, listing, reader_name
):
    # given
    reader = _reader(reader_name, request)
    if reader:
        client.force_login(reader)
    # when
    page = client.get(_listing_urls(member, members_board)[listing]).content.decode()
    # then
    assert SECRET_TITLE not in page and not _links_to(page, secret)


@pytest.mark.parametrize("listing", ["home", "board", "profile", "search"])
def test_every_listing_shows_members_only_threads_to_members(
    client, member, members_board, secret, listing
):
    # given
    client.force_login(member)
    # when
    page = client.get(_listing_urls(member, members_board)[listing]).content.decode()
    # then: the same listings are not simply empty
    assert _links_to(page, secret)


def test_listing_selectors_filter_by_the_reader(city, member, members_board, secret):
    # when: each listing selector is asked for a guest
    home = latest_threads(None, city)
    board, _more = list_board_threads(None, members_board, page=1)
    profile = get_profile(None, member, committee_id=city.pk, with_ledger=False)
    # then
    assert SECRET_TITLE not in [t.title for t in home + board + profile.threads]
    assert SECRET_REPLY not in [p.body_text for p in profile.replies]
    assert SECRET_TITLE in [t.title for t in latest_threads(member, city)]


def test_a_reply_in_a_deleted_thread_leaves_the_profile(city, board, staff, resident, member):
    # given: a resident's reply in a thread a moderator then deleted
    thread = make_thread(board=board, author=staff, title="将被删除的主题")
    posting.reply(user=resident, thread=thread, body="楼下的回复", skip_limits=True)
    first = Post.objects.get(thread=thread, floor=1)
    moderation.moderate_post(actor=staff, post=first, act=ModAct.DELETE)
    # when
    profile = get_profile(member, resident, committee_id=city.pk, with_ledger=False)
    # then
    assert profile.replies == []
