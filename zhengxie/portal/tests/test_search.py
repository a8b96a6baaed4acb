from io import StringIO

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse

from zhengxie.core.models import Role
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.portal.models import Audience, ModAct, Post
from zhengxie.portal.search_index import POST_KIND, THREAD_KIND
from zhengxie.portal.selectors.search import search_posts
from zhengxie.portal.services import moderation, posting
from zhengxie.search.everything import EverythingQuery, search_everything
from zhengxie.search.models import SearchDocument

MEMBERS_ONLY = [Audience.MEMBER, Audience.STAFF]


def _found(user, query, committee) -> list[str]:
    return [
        r.post.body_text for r in search_posts(user=user, query=query, committee_id=committee.pk)
    ]


def test_two_character_chinese_words_find_titles_and_replies(city, thread, resident):
    # given: a reply about lifts in old residential areas
    posting.reply(user=resident, thread=thread, body="建议加快老旧小区加装电梯", skip_limits=True)
    # when / then: a two-character word inside the text finds it, a pair not in it does not
    assert _found(None, "电梯", city) == ["建议加快老旧小区加装电梯"]
    assert _found(None, "小区 电梯", city) == ["建议加快老旧小区加装电梯"]
    assert _found(None, "梯加", city) == []
    # a title word finds the first floor and the reply under that title
    assert len(search_posts(user=None, query="回眸", committee_id=city.pk)) == 2


def test_the_first_floor_is_found_through_its_thread(city, board, staff):
    make_thread(board=board, author=staff, title="关于乡村振兴的讨论", body="产业兴旺是重点")
    results = search_posts(user=None, query="产业", committee_id=city.pk)
    assert [(r.post.floor, r.hit.kind) for r in results] == [(1, THREAD_KIND)]


def test_hidden_and_deleted_posts_are_not_found(city, thread, resident, staff):
    # given: two replies, both found
    hidden = posting.reply(user=resident, thread=thread, body="这里有广告链接", skip_limits=True)
    deleted = posting.reply(user=resident, thread=thread, body="这里是灌水内容", skip_limits=True)
    assert len(_found(None, "这里", city)) == 2
    # when: a moderator hides one and deletes the other
    moderation.moderate_post(actor=staff, post=hidden, act=ModAct.HIDE)
    moderation.moderate_post(actor=staff, post=deleted, act=ModAct.DELETE)
    # then: neither is found, not even by staff, and neither is left in the index
    assert _found(staff, "这里", city) == []
    assert not SearchDocument.objects.filter(kind=POST_KIND, object_id__in=[hidden.pk, deleted.pk])
    # and unhiding brings it back
    moderation.moderate_post(actor=staff, post=hidden, act=ModAct.UNHIDE)
    assert _found(None, "广告", city) == ["这里有广告链接"]


def test_hiding_the_first_floor_takes_the_whole_thread_out(city, thread, resident, staff):
    posting.reply(user=resident, thread=thread, body="赞同回眸中的总结", skip_limits=True)
    first = Post.objects.get(thread=thread, floor=1)
    moderation.moderate_post(actor=staff, post=first, act=ModAct.HIDE)
    assert _found(staff, "回眸", city) == []
    assert not SearchDocument.objects.filter(kind__in=[THREAD_KIND, POST_KIND]).exists()


def test_a_guest_does_not_find_posts_of_a_members_only_board(city, staff, make_user):
    # given: a thread in a board only members and staff may read
    board = make_board(committee=city, view=MEMBERS_ONLY)
    make_thread(board=board, author=staff, title="委员内部交流", body="履职心得分享")
    # then: guests and residents do not find it, members and staff do
    assert _found(None, "心得", city) == []
    assert _found(make_user(Role.RESIDENT, city), "心得", city) == []
    assert _found(make_user(Role.MEMBER, city), "心得", city) == ["履职心得分享"]
    assert _found(staff, "心得", city) == ["履职心得分享"]
    assert not SearchDocument.objects.get(kind=THREAD_KIND).is_public


def test_moving_a_thread_to_a_public_board_makes_it_public(city, staff, resident):
    closed = make_board(committee=city, view=MEMBERS_ONLY)
    thread = make_thread(board=closed, author=staff, title="委员内部交流", body="履职心得分享")
    posting.reply(user=staff, thread=thread, body="心得很好", skip_limits=True)
    assert _found(None, "心得", city) == []
    moderation.move_thread(actor=staff, thread=thread, board=make_board(committee=city))
    assert sorted(_found(None, "心得", city)) == ["履职心得分享", "心得很好"]
    assert set(SearchDocument.objects.values_list("is_public", flat=True)) == {True}


def test_pending_posts_are_indexed_once_approved(city, staff, resident):
    board = make_board(committee=city, requires_approval=True)
    thread = make_thread(board=board, author=resident, title="待审核的主题", body="排水管网改造")
    assert _found(staff, "排水", city) == []
    first = Post.objects.get(thread=thread, floor=1)
    moderation.moderate_post(actor=staff, post=first, act=ModAct.APPROVE)
    assert _found(None, "排水", city) == ["排水管网改造"]


def test_other_committees_posts_are_not_found(city, county, staff, make_user):
    make_thread(board=make_board(committee=county), author=make_user(Role.STAFF, county),
                title="县里的讨论", body="县域经济发展")  # fmt: skip
    assert _found(None, "县域", city) == []
    assert _found(None, "县域", county) == ["县域经济发展"]


def test_reindex_rebuilds_threads_and_posts(city, thread, resident, staff):
    # given: a reply, and the index emptied behind the forum's back
    posting.reply(user=resident, thread=thread, body="建议增设公交线路", skip_limits=True)
    hidden = posting.reply(user=resident, thread=thread, body="公交广告", skip_limits=True)
    moderation.moderate_post(actor=staff, post=hidden, act=ModAct.HIDE)
    SearchDocument.objects.all().delete()
    # when
    out = StringIO()
    call_command("reindex_search", stdout=out)
    # then: the thread and the visible reply are back, the hidden one is not
    assert "thread: 移除 0 条，写入 1 条" in out.getvalue()
    assert "post: 移除 0 条，写入 1 条" in out.getvalue()
    assert _found(None, "公交", city) == ["建议增设公交线路"]


def test_search_page_highlights_terms_in_a_constant_number_of_queries(
    client, city, board, staff, resident, django_assert_max_num_queries
):
    # given: many matching threads and replies from different authors
    for n in range(12):
        thread = make_thread(board=board, author=staff, title=f"电梯加装第{n}期", body="加装电梯")
        posting.reply(user=resident, thread=thread, body=f"第{n}个小区的电梯", skip_limits=True)
    client.force_login(resident)
    url = reverse("portal:search") + "?q=电梯"
    client.get(url)  # warm the session and settings caches
    # when / then
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert html.count("<mark>电梯</mark>") >= 24
    assert html.count('data-testid="snippet"') == 24


def test_search_page_escapes_what_it_highlights(client, city, board, staff):
    make_thread(board=board, author=staff, title="<b>电梯</b>问题", body="电梯&lt;script&gt;")
    html = client.get(reverse("portal:search"), {"q": "电梯"}).content.decode()
    assert "&lt;b&gt;<mark>电梯</mark>&lt;/b&gt;" in html
    assert "<script>" not in html


def _guest_finds(query: str) -> list[str]:
    page = search_everything(AnonymousUser(), EverythingQuery(text=query))
    return sorted(result.kind for result in page.results)


def test_a_board_closed_to_guests_and_opened_again_takes_its_floors_marks_along(
    board, thread, resident
):
    # given a public board's thread and a reply, both found by a guest
    posting.reply(user=resident, thread=thread, body="回眸之后再展望", skip_limits=True)
    assert _guest_finds("回眸") == [POST_KIND, THREAD_KIND]
    # when the office closes the board to guests in the admin
    board.view_audience = MEMBERS_ONLY
    board.save()
    # then the documents are no longer marked public, and a guest finds neither
    documents = SearchDocument.objects.filter(kind__in=[THREAD_KIND, POST_KIND])
    assert documents.count() == 2 and not documents.filter(is_public=True).exists()
    assert _guest_finds("回眸") == []
    # and opening it again brings both back to guests
    board.view_audience = [Audience.GUEST, *MEMBERS_ONLY]
    board.save()
    assert documents.filter(is_public=True).count() == 2
    assert _guest_finds("回眸") == [POST_KIND, THREAD_KIND]
