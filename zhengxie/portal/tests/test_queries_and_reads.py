import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.portal.models import Audience, HallTheme
from zhengxie.portal.selectors.search import search_posts
from zhengxie.portal.services import posting
from zhengxie.portal.services.hall import add_exhibit_item, save_exhibition


def _fill(thread, city, make_user, count):
    for n in range(count):
        author = (
            make_member(committee=city, with_account=True).user
            if n % 2
            else make_user(Role.RESIDENT, city)
        )
        posting.reply(user=author, thread=thread, body=f"第{n}条意见", skip_limits=True)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_logged_in_thread_page_with_100_replies_runs_constant_queries(
    client, city, board, staff, resident, make_user, django_assert_max_num_queries
):
    # given: one short thread and one with 100 replies from 100 different people
    short = make_thread(board=board, author=staff)
    _fill(short, city, make_user, 9)
    long = make_thread(board=board, author=staff)
    _fill(long, city, make_user, 100)
    client.force_login(resident)
    short_url = reverse("portal:thread", args=[short.pk])
    last_page = reverse("portal:thread", args=[long.pk]) + "?page=11"
    _queries(client, short_url)  # warm the session and settings caches
    # when / then
    assert _queries(client, short_url) == _queries(client, last_page)
    with django_assert_max_num_queries(14):
        client.get(last_page)


def test_board_list_runs_constant_queries(client, board, staff, django_assert_max_num_queries):
    for _ in range(25):
        make_thread(board=board, author=staff)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("portal:board", args=[board.pk])).status_code == 200


def test_members_show_their_public_title(client, city, thread):
    member = make_member(committee=city, with_account=True, public_title="市政协委员、主任医师")
    posting.reply(user=member.user, thread=thread, body="我来说两句", skip_limits=True)
    html = client.get(reverse("portal:thread", args=[thread.pk])).content.decode()
    assert "市政协委员、主任医师" in html
    profile = client.get(reverse("portal:profile", args=[member.user.pk])).content.decode()
    assert "市政协委员、主任医师" in profile


def test_profile_shows_credits_and_ledger_only_to_the_owner(client, thread, resident):
    posting.reply(user=resident, thread=thread, body="支持", skip_limits=True)
    url = reverse("portal:profile", args=[resident.pk])
    assert 'data-testid="ledger"' not in client.get(url).content.decode()
    client.force_login(resident)
    html = client.get(url).content.decode()
    assert 'data-testid="credits">1<' in html and 'data-testid="ledger"' in html
    assert "新手上路" in html


def test_search_finds_chinese_terms_in_titles_and_posts(city, thread, resident, make_user):
    posting.reply(user=resident, thread=thread, body="建议加快老旧小区加装电梯", skip_limits=True)
    found = search_posts(user=None, query="加装电梯", committee_id=city.pk)
    assert [r.post.body_text for r in found] == ["建议加快老旧小区加装电梯"]
    assert len(search_posts(user=None, query="工作回眸", committee_id=city.pk)) == 2
    assert search_posts(user=None, query="  ", committee_id=city.pk) == []


def test_search_skips_boards_the_reader_may_not_see(city, staff):
    from zhengxie.portal.factories import make_board

    hidden = make_board(committee=city, view=["staff"])
    make_thread(board=hidden, author=staff, title="内部通知", body="机关内部")
    assert search_posts(user=None, query="内部", committee_id=city.pk) == []
    assert len(search_posts(user=staff, query="内部", committee_id=city.pk)) == 1


def test_staff_curate_exhibitions_and_guests_browse_published_ones(client, city, staff):
    exhibition = save_exhibition(
        actor=staff,
        committee=city,
        slug="bells",
        title="曾侯乙编钟",
        theme=HallTheme.BRONZE,
        period="战国早期",
        summary="随州出土",
        is_published=False,
        sort_order=0,
    )
    add_exhibit_item(actor=staff, exhibition=exhibition, title="甬钟", description="中层甬钟")
    url = reverse("portal:exhibition", args=[exhibition.pk])
    assert client.get(url).status_code == 404
    exhibition.is_published = True
    exhibition.save()
    assert "甬钟" in client.get(url).content.decode()
    listing = client.get(reverse("portal:hall"), {"theme": "origins"}).content.decode()
    assert "曾侯乙编钟" not in listing
    assert (
        "曾侯乙编钟" in client.get(reverse("portal:hall"), {"period": "战国早期"}).content.decode()
    )


@pytest.mark.parametrize(("role", "status"), [(Role.RESIDENT, 403), (Role.MEMBER, 403)])
def test_only_staff_curate_the_hall(client, city, make_user, role, status):
    client.force_login(make_user(role, city))
    assert client.get(reverse("portal:exhibition_create")).status_code == status


@pytest.mark.parametrize("page", ["portal:home", "portal:board"])
def test_a_page_reads_the_readers_moderated_boards_once(client, city, staff, moderator, page):
    # given: a resident who moderates a board only staff may otherwise open, with threads
    hidden = make_board(committee=city, view=[Audience.STAFF])
    hidden.moderators.add(moderator)
    for _ in range(3):
        make_thread(board=hidden, author=staff)
    client.force_login(moderator)
    url = reverse(page, args=[hidden.pk] if page == "portal:board" else [])
    # when
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    # then every permission check of the page answers from one read of the moderators
    reads = [q["sql"] for q in captured if "portal_board_moderators" in q["sql"]]
    assert len(reads) == 1
