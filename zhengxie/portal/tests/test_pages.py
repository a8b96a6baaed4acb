"""Pages per board and role: who sees, posts and replies where, and what guests are told."""

import pytest
from django.urls import reverse

from zhengxie.core.models import Role
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.portal.models import Audience, BoardKind, Thread
from zhengxie.portal.services import posting

SEED_FURNITURE = [
    "您需要登录后才可以回帖",
    "马上注册，结交更多好友，享用更多功能",
    "本版积分规则",
    "快速回复",
    "返回顶部",
    "返回列表",
    "复制链接",
    "阅读模式",
    "只看该作者",
    "楼主",
]


def _client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def people(city, make_user, county):
    return {
        "guest": None,
        "resident": make_user(Role.RESIDENT, city),
        "member": make_user(Role.MEMBER, city),
        "staff": make_user(Role.STAFF, city),
        "county_staff": make_user(Role.STAFF, county),
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [("guest", 403), ("resident", 403), ("member", 200), ("staff", 200), ("county_staff", 403)],
)
def test_members_only_board_is_readable_by_members_and_staff(client, city, people, who, status):
    # given
    board = make_board(committee=city, view=[Audience.MEMBER, Audience.STAFF])
    thread = make_thread(board=board, author=people["staff"])
    # when
    response = _client_for(client, people[who]).get(reverse("portal:thread", args=[thread.pk]))
    board_page = client.get(reverse("portal:board", args=[board.pk]))
    # then
    assert response.status_code == status
    assert board_page.status_code == status


@pytest.mark.parametrize(
    ("who", "allowed"), [("resident", False), ("member", False), ("staff", True)]
)
def test_news_board_takes_articles_from_staff_only(client, city, people, who, allowed):
    # given
    news = make_board(committee=city, kind=BoardKind.NEWS, post=[Audience.STAFF])
    # when
    response = _client_for(client, people[who]).post(
        reverse("portal:thread_create", args=[news.pk]),
        {"title": "市政协召开常委会议", "body": "会议内容"},
    )
    # then
    assert (response.status_code == 302) is allowed
    assert Thread.objects.filter(board=news).exists() is allowed


@pytest.mark.parametrize(
    ("who", "status"), [("guest", 302), ("resident", 403), ("member", 302), ("staff", 302)]
)
def test_reply_rights_follow_the_board(client, city, people, who, status):
    # given: residents may read but only members and staff reply
    board = make_board(committee=city, reply=[Audience.MEMBER, Audience.STAFF])
    thread = make_thread(board=board, author=people["staff"])
    # when
    response = _client_for(client, people[who]).post(
        reverse("portal:reply", args=[thread.pk]), {"body": "我的意见"}
    )
    # then
    assert response.status_code == status
    thread.refresh_from_db()
    assert thread.replies == (1 if who in ("member", "staff") else 0)
    if who == "guest":
        assert reverse("core:login") in response["Location"]


def test_guest_sees_counts_and_the_seeds_login_prompts(client, board, staff):
    # given
    thread = make_thread(board=board, author=staff, title="工作回眸")
    # when
    html = client.get(reverse("portal:thread", args=[thread.pk])).content.decode()
    # then
    assert '查看: <b data-testid="views">1</b>|回复: <b data-testid="replies">0</b>' in html
    for text in SEED_FURNITURE:
        assert text in html
    assert 'name="body"' not in html


def test_logged_in_reader_gets_the_quick_reply_form(client, board, staff, resident):
    thread = make_thread(board=board, author=staff)
    client.force_login(resident)
    html = client.get(reverse("portal:thread", args=[thread.pk])).content.decode()
    assert 'name="body"' in html
    assert "您需要登录后才可以回帖" not in html


def test_author_filter_shows_only_that_authors_floors(client, board, staff, resident):
    # given
    thread = make_thread(board=board, author=staff)
    posting.reply(user=resident, thread=thread, body="居民的回复", skip_limits=True)
    posting.reply(user=staff, thread=thread, body="作者的补充", skip_limits=True)
    # when
    html = client.get(
        reverse("portal:thread", args=[thread.pk]), {"authorid": staff.pk}
    ).content.decode()
    # then
    assert "作者的补充" in html and "居民的回复" not in html
    assert "显示全部楼层" in html


def test_reader_mode_has_no_site_chrome(client, thread):
    html = client.get(reverse("portal:reader", args=[thread.pk])).content.decode()
    assert 'data-testid="reader"' in html
    assert 'header class="site"' not in html
    assert "退出阅读模式" in html


def test_long_thread_pages_by_floor_range(client, board, staff, resident):
    # given: 25 floors
    thread = make_thread(board=board, author=staff)
    for n in range(24):
        posting.reply(user=resident, thread=thread, body=f"回复内容{n + 2}号", skip_limits=True)
    # when
    html = client.get(reverse("portal:thread", args=[thread.pk]), {"page": 3}).content.decode()
    # then
    assert 'id="floor-21"' in html and 'id="floor-25"' in html
    assert 'id="floor-20"' not in html


@pytest.mark.parametrize("who", ["guest", "resident", "staff"])
def test_portal_pages_answer_every_role(client, city, people, who, thread):
    c = _client_for(client, people[who])
    for name, args in (("portal:home", []), ("portal:board", [thread.board_id]),
                       ("portal:credit_rules", [thread.board_id]), ("portal:search", []),
                       ("portal:hall", []), ("portal:profile", [thread.author_id])):  # fmt: skip
        assert c.get(reverse(name, args=args), {"q": "回眸"}).status_code == 200, name


@pytest.mark.parametrize(("who", "status"), [("guest", 302), ("resident", 403), ("staff", 200)])
def test_moderation_queue_is_for_moderators(client, people, board, who, status):
    response = _client_for(client, people[who]).get(reverse("portal:moderation"))
    assert response.status_code == status


def test_board_credit_rules_page_shows_the_boards_override(client, board):
    board.credit_rules.create(action="reply", points=3)
    html = client.get(reverse("portal:credit_rules", args=[board.pk])).content.decode()
    assert "发表回复</td><td>+3" in html
    assert "发表主题</td><td>+2" in html
    assert "论坛元老" in html


def test_a_news_articles_form_has_byline_and_source_and_the_thread_shows_them(client, city, people):
    # given a news board and an ordinary board the office posts on
    news = make_board(committee=city, kind=BoardKind.NEWS, post=[Audience.STAFF])
    forum = make_board(committee=city, post=[Audience.STAFF])
    client = _client_for(client, people["staff"])
    # when the office opens both forms and posts an article with its byline and source
    news_form = client.get(reverse("portal:thread_create", args=[news.pk])).content.decode()
    forum_form = client.get(reverse("portal:thread_create", args=[forum.pk])).content.decode()
    posted = client.post(
        reverse("portal:thread_create", args=[news.pk]),
        {
            "title": "市政协年度工作回眸",
            "body": "正文",
            "byline": "全媒记者 陈巧玲",
            "source": "随州日报",
        },
        follow=True,
    )
    # then only the news form asks for them, and the article carries them
    assert 'name="byline"' in news_form and 'name="source"' in news_form
    assert 'name="byline"' not in forum_form and 'name="source"' not in forum_form
    thread = Thread.objects.get(board=news)
    assert (thread.byline, thread.source) == ("全媒记者 陈巧玲", "随州日报")
    assert "全媒记者 陈巧玲" in posted.content.decode()


def test_an_ordinary_threads_byline_is_not_kept_and_an_overlong_one_is_refused(
    client, city, people
):
    # given
    news = make_board(committee=city, kind=BoardKind.NEWS, post=[Audience.STAFF])
    forum = make_board(committee=city, post=[Audience.STAFF])
    client = _client_for(client, people["staff"])
    url = reverse("portal:thread_create", args=[news.pk])
    # when
    client.post(
        reverse("portal:thread_create", args=[forum.pk]),
        {"title": "讨论", "body": "正文", "byline": "某某", "source": "某报"},
    )
    too_long = client.post(url, {"title": "新闻", "body": "正文", "byline": "记" * 121})
    # then
    assert (Thread.objects.get(board=forum).byline, Thread.objects.get(board=forum).source) == (
        "",
        "",
    )
    assert too_long.status_code == 200
    assert list(too_long.context["form"].errors) == ["byline"]
    assert not Thread.objects.filter(board=news).exists()
