import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhengxie.core.models import Role
from zhengxie.portal.models import ModAct, Post
from zhengxie.portal.selectors.search import search_posts
from zhengxie.portal.services import moderation, posting


def _found(query, committee) -> list[str]:
    return [
        r.post.body_text for r in search_posts(user=None, query=query, committee_id=committee.pk)
    ]


def test_an_author_edits_a_reply_and_search_follows(city, thread, resident):
    # given: a reply about buses
    post = posting.reply(user=resident, thread=thread, body="建议增设公交线路", skip_limits=True)
    # when: the author rewrites it about bicycles, with a script tag
    posting.edit_post(user=resident, post=post, body="建议增设共享单车<script>x()</script>")
    # then: the text is sanitised, the new words are found and the old ones are not
    post.refresh_from_db()
    assert "<script>" not in post.body_html and post.body_text == "建议增设共享单车"
    assert _found("单车", city) == ["建议增设共享单车"]
    assert _found("公交", city) == []
    assert post.history.count() == 2


def test_retitling_a_thread_moves_its_replies_under_the_new_title(city, thread, staff, resident):
    posting.reply(user=resident, thread=thread, body="支持", skip_limits=True)
    first = Post.objects.get(thread=thread, floor=1)
    posting.edit_post(user=staff, post=first, title="政协履职年度总结", body="正文内容")
    thread.refresh_from_db()
    assert thread.title == "政协履职年度总结"
    assert sorted(_found("年度总结", city)) == ["支持", "正文内容"]
    assert _found("回眸", city) == []


def test_the_first_floor_keeps_a_title(thread, staff):
    first = Post.objects.get(thread=thread, floor=1)
    with pytest.raises(ValidationError) as error:
        posting.edit_post(user=staff, post=first, title="  ", body="正文")
    assert "标题" in error.value.message_dict["title"][0]
    thread.refresh_from_db()
    assert thread.title == "随州市政协2022年工作回眸"


def test_others_may_not_edit_and_authors_not_in_a_closed_thread(
    city, thread, resident, moderator, staff, make_user
):
    post = posting.reply(user=resident, thread=thread, body="原来的内容", skip_limits=True)
    with pytest.raises(PermissionDenied):
        posting.edit_post(user=make_user(Role.RESIDENT, city), post=post, body="改掉")
    moderation.set_thread_flag(actor=staff, thread=thread, act=ModAct.LOCK)
    with pytest.raises(PermissionDenied):
        posting.edit_post(user=resident, post=post, body="改掉")
    posting.edit_post(user=moderator, post=post, body="版主修改")
    post.refresh_from_db()
    assert post.body_text == "版主修改"


def test_editing_a_hidden_reply_keeps_it_out_of_search(city, thread, resident, staff):
    post = posting.reply(user=resident, thread=thread, body="这里有广告", skip_limits=True)
    moderation.moderate_post(actor=staff, post=post, act=ModAct.HIDE)
    posting.edit_post(user=staff, post=post, body="这里已清理")
    assert _found("这里", city) == []


@pytest.mark.parametrize(
    ("who", "status"),
    [("author", 200), ("moderator", 200), ("staff", 200), ("other", 403), ("guest", 302)],
)
def test_who_may_open_the_edit_page(client, city, thread, resident, moderator, staff,
                                    make_user, who, status):  # fmt: skip
    post = posting.reply(user=resident, thread=thread, body="原来的内容", skip_limits=True)
    users = {"author": resident, "moderator": moderator, "staff": staff,
             "other": make_user(Role.RESIDENT, city), "guest": None}  # fmt: skip
    if users[who]:
        client.force_login(users[who])
    assert client.get(reverse("portal:post_edit", args=[post.pk])).status_code == status


def test_the_edit_page_saves_and_returns_to_the_floor(client, thread, resident):
    post = posting.reply(user=resident, thread=thread, body="原来的内容", skip_limits=True)
    client.force_login(resident)
    html = client.get(reverse("portal:thread", args=[thread.pk])).content.decode()
    assert reverse("portal:post_edit", args=[post.pk]) in html
    response = client.post(reverse("portal:post_edit", args=[post.pk]), {"body": "新的内容"})
    assert response.status_code == 302 and response["Location"].endswith("#floor-2")
    post.refresh_from_db()
    assert post.body_text == "新的内容"
    empty = client.post(reverse("portal:post_edit", args=[post.pk]), {"body": " "})
    assert "内容" in empty.content.decode() and empty.status_code == 200


def test_a_new_account_cannot_edit_a_link_into_its_post(thread, resident):
    # given: a reply in plain text from an account registered today
    post = posting.reply(user=resident, thread=thread, body="支持这个建议", skip_limits=True)
    # when: the author edits a link in
    with pytest.raises(ValidationError) as error:
        posting.edit_post(user=resident, post=post, body="详见 https://spam.example/buy")
    # then: the edit is refused as a new post would be, and the floor is unchanged
    assert error.value.code == "newbie_link"
    post.refresh_from_db()
    assert post.body_text == "支持这个建议"


def test_edits_count_against_the_posting_rate_limit(thread, resident):
    # given: a reply just edited once
    post = posting.reply(user=resident, thread=thread, body="第一稿", skip_limits=True)
    posting.edit_post(user=resident, post=post, body="第二稿")
    # when: it is edited again within the flood interval
    with pytest.raises(ValidationError) as error:
        posting.edit_post(user=resident, post=post, body="第三稿")
    # then
    assert error.value.code == "flood"
    post.refresh_from_db()
    assert post.body_text == "第二稿"


@pytest.mark.parametrize("who", ["author", "moderator"])
def test_a_banned_user_cannot_edit(board, thread, resident, moderator, staff, who):
    # given: a reply, and its author or the board's moderator banned by staff
    post = posting.reply(user=resident, thread=thread, body="原来的内容", skip_limits=True)
    banned = {"author": resident, "moderator": moderator}[who]
    moderation.ban_from_board(actor=staff, board=board, user=banned, reason="多次发广告")
    # when
    with pytest.raises(PermissionDenied, match="禁言"):
        posting.edit_post(user=banned, post=post, body="改掉")
    # then
    post.refresh_from_db()
    assert post.body_text == "原来的内容"
