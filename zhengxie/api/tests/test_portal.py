"""The portal over the API: what guests and each role read, keyset pages, replying with the
web's rules, search and the hall."""

import pytest

from zhengxie.core.models import Role
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.portal.models import Audience, Post, PostStatus
from zhengxie.portal.services import hall, posting
from zhengxie.portal.services.views_counter import pending_views, record_view

MEMBERS_ONLY = [Audience.MEMBER, Audience.STAFF]


@pytest.fixture
def board(city):
    return make_board(committee=city, name="公开版块")


@pytest.fixture
def members_board(city):
    return make_board(
        committee=city, name="委员专区", view=MEMBERS_ONLY, post=MEMBERS_ONLY, reply=MEMBERS_ONLY
    )


@pytest.fixture
def resident(city, make_user):
    return make_user(Role.RESIDENT, city)


@pytest.fixture
def member(city, make_user):
    return make_user(Role.MEMBER, city)


def _walk(client, path: str, limit: int) -> list[int]:
    found, cursor = [], None
    while True:
        body = client.get(path, limit=limit, **({"cursor": cursor} if cursor else {})).json()
        found += [item["id"] for item in body["items"]]
        if (cursor := body["next"]) is None:
            return found


def test_guests_see_the_public_boards_and_members_theirs_too(board, members_board, member, api_as):
    def names(client):
        return [
            b["name"] for g in client.get("/portal/boards").json()["groups"] for b in g["boards"]
        ]

    assert names(api_as(None)) == ["公开版块"]
    assert names(api_as(member)) == ["公开版块", "委员专区"]


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 403), (Role.RESIDENT, 403), (Role.UNIT, 403), (Role.MEMBER, 200), (Role.STAFF, 200)],
)
def test_the_members_board_opens_to_members_and_staff(
    city, members_board, staff, make_user, api_as, role, status
):
    make_thread(board=members_board, author=staff, title="委员内部讨论")
    user = make_user(role, city) if role else None
    threads = api_as(user).get(f"/portal/boards/{members_board.pk}/threads")
    assert threads.status_code == status
    thread = members_board.threads.get()
    assert api_as(user).get(f"/portal/threads/{thread.pk}").status_code == status


def test_a_web_session_does_not_open_what_the_guest_may_not_see(members_board, member, client):
    # given a browser signed in as a member, asking the API without a token
    client.force_login(member)
    # when / then it is a guest to the API
    response = client.get(f"/api/v1/portal/boards/{members_board.pk}/threads")
    assert response.status_code == 403


def test_a_dead_token_on_a_public_read_is_a_401_not_a_guest(board, api_as):
    client = api_as(None)
    response = client.get("/portal/boards", headers={"Authorization": "Bearer zx_gone"})
    assert response.status_code == 401


def test_threads_come_pinned_first_then_by_last_reply_with_buffered_views(
    board, resident, staff, api_as
):
    # given five threads, the oldest pinned, and views not yet folded into the rows
    threads = [make_thread(board=board, author=staff, title=f"主题{n}") for n in range(5)]
    threads[0].is_pinned = True
    threads[0].save(update_fields=["is_pinned"])
    for _ in range(3):
        record_view(thread_id=threads[2].pk)
    posting.reply(user=resident, thread=threads[1], body="顶", skip_limits=True)
    # when the phone walks the board two at a time
    client = api_as(None)
    ids = _walk(client, f"/portal/boards/{board.pk}/threads", 2)
    # then
    t = [thread.pk for thread in threads]
    assert ids == [t[0], t[1], t[4], t[3], t[2]]
    items = client.get(f"/portal/boards/{board.pk}/threads", limit=5).json()["items"]
    assert next(i for i in items if i["id"] == t[2])["views"] == 3
    assert next(i for i in items if i["id"] == t[1])["replies"] == 1


def test_the_thread_list_costs_the_same_at_any_size(
    board, staff, api_as, django_assert_max_num_queries
):
    client = api_as(staff)
    for _ in range(2):
        make_thread(board=board, author=staff)
    client.get(f"/portal/boards/{board.pk}/threads")
    with django_assert_max_num_queries(12) as few:
        client.get(f"/portal/boards/{board.pk}/threads")
    for _ in range(15):
        make_thread(board=board, author=staff)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(f"/portal/boards/{board.pk}/threads").json()["items"]) == 17


def test_a_thread_reads_ten_floors_a_page_and_counts_a_view(
    board, staff, resident, api_as, django_assert_max_num_queries
):
    # given a thread with 12 replies
    thread = make_thread(board=board, author=staff, title="随州市政协2022年工作回眸")
    for n in range(12):
        posting.reply(user=resident, thread=thread, body=f"第{n}条回复", skip_limits=True)
    client = api_as(resident)
    # when
    first = client.get(f"/portal/threads/{thread.pk}").json()
    with django_assert_max_num_queries(20):
        second = client.get(f"/portal/threads/{thread.pk}", cursor=first["next"]).json()
    # then
    assert [p["floor"] for p in first["items"]] == list(range(1, 11))
    assert [p["floor"] for p in second["items"]] == [11, 12, 13] and second["next"] is None
    assert first["thread"]["title"] == "随州市政协2022年工作回眸" and first["can_reply"]
    assert pending_views([thread.pk]) == {thread.pk: 2}
    only_staff = client.get(f"/portal/threads/{thread.pk}", author_id=staff.pk).json()
    assert [p["floor"] for p in only_staff["items"]] == [1]


def test_a_member_replies_and_the_floor_is_the_next_one(board, staff, member, api_as):
    thread = make_thread(board=board, author=staff)
    response = api_as(member).post(f"/portal/threads/{thread.pk}/posts", {"body": "<b>赞同</b>"})
    assert response.status_code == 201
    body = response.json()
    assert (body["floor"], body["status"]) == (2, "visible")
    post = Post.objects.get(pk=body["id"])
    assert (post.thread_id, post.author_id, post.body_text) == (thread.pk, member.pk, "赞同")
    thread.refresh_from_db()
    assert thread.replies == 1


def test_replies_keep_the_webs_limits_and_rules(board, members_board, staff, resident, api_as):
    thread = make_thread(board=board, author=staff)
    client = api_as(resident)
    # an empty body names the field
    empty = client.post(f"/portal/threads/{thread.pk}/posts", {"body": " "})
    assert empty.status_code == 400 and "body" in empty.json()["error"]["fields"]
    # the flood interval holds between two replies
    assert client.post(f"/portal/threads/{thread.pk}/posts", {"body": "一"}).status_code == 201
    flood = client.post(f"/portal/threads/{thread.pk}/posts", {"body": "二"})
    assert flood.status_code == 400 and "间隔" in flood.json()["error"]["message"]
    # a closed thread takes no reply, a board the resident may not reply on neither
    thread.is_locked = True
    thread.save(update_fields=["is_locked"])
    assert client.post(f"/portal/threads/{thread.pk}/posts", {"body": "三"}).status_code == 403
    secret = make_thread(board=members_board, author=staff)
    assert client.post(f"/portal/threads/{secret.pk}/posts", {"body": "四"}).status_code == 403
    assert Post.objects.filter(author=resident).count() == 1


def test_a_reply_on_a_moderated_board_waits_for_approval(city, staff, resident, api_as):
    board = make_board(committee=city, requires_approval=True)
    thread = make_thread(board=board, author=staff)
    body = api_as(resident).post(f"/portal/threads/{thread.pk}/posts", {"body": "待审"}).json()
    assert body["status"] == PostStatus.PENDING


def test_a_guest_may_not_reply(board, staff, api_as):
    thread = make_thread(board=board, author=staff)
    response = api_as(None).post(f"/portal/threads/{thread.pk}/posts", {"body": "游客"})
    assert response.status_code == 401


def test_search_finds_what_the_reader_may_read(board, members_board, staff, member, api_as):
    make_thread(board=board, author=staff, title="老旧小区加装电梯", body="公开讨论")
    make_thread(board=members_board, author=staff, title="电梯补贴内部意见", body="委员讨论")

    def titles(user):
        body = api_as(user).get("/portal/search", q="电梯").json()
        return sorted(hit["thread_title"] for hit in body["items"])

    assert titles(None) == ["老旧小区加装电梯"]
    assert titles(member) == ["电梯补贴内部意见", "老旧小区加装电梯"]
    hit = api_as(None).get("/portal/search", q="电梯").json()["items"][0]
    assert "<mark>电梯</mark>" in hit["snippet_html"] or hit["floor"] == 1


def test_the_hall_shows_published_exhibitions_and_drafts_to_the_office(city, staff, api_as):
    shown = hall.save_exhibition(
        actor=staff, committee=city, slug="bells", title="编钟", theme="bronze",
        period="战国早期", summary="前言", is_published=True,
    )  # fmt: skip
    draft = hall.save_exhibition(
        actor=staff, committee=city, slug="draft", title="筹备中", theme="local",
        period="近代", summary="前言", is_published=False,
    )  # fmt: skip
    hall.add_exhibit_item(actor=staff, exhibition=shown, title="甬钟", description="中层甬钟")
    guest = api_as(None)
    body = guest.get("/portal/hall").json()
    assert [e["title"] for e in body["exhibitions"]] == ["编钟"]
    assert body["exhibitions"][0]["item_count"] == 1 and body["periods"] == ["战国早期"]
    detail = guest.get(f"/portal/hall/{shown.pk}").json()
    assert [i["title"] for i in detail["items"]] == ["甬钟"]
    assert detail["theme_label"] == "编钟青铜"
    assert guest.get(f"/portal/hall/{draft.pk}").status_code == 404
    assert api_as(staff).get(f"/portal/hall/{draft.pk}").status_code == 200
    assert guest.get("/portal/hall", theme="local").json()["exhibitions"] == []
