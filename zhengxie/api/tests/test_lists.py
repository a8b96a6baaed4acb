"""Keyset pagination, pinned query counts and 304s, on the inbox (the list phones poll)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zhengxie.core.models import Notification, Role
from zhengxie.core.notifications.office import OFFICE_NOTICE
from zhengxie.core.services.notifications import notify

# The token's lookup, its last-used stamp and the page; nothing per row.
INBOX_QUERIES = 3


@pytest.fixture
def member(city, make_user):
    return make_user(Role.MEMBER, city)


def _messages(user, count: int, *, same_time: bool = False) -> list[int]:
    # one through the service
    notify(kind=OFFICE_NOTICE, recipients=[user], title="t", body="b")
    Notification.objects.bulk_create(
        Notification(recipient=user, title=f"消息 {n}") for n in range(count - 1)
    )
    if same_time:  # every message in one instant: only the id tiebreak orders them
        Notification.objects.filter(recipient=user).update(created_at=timezone.now())
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("-created_at", "-id")
        .values_list("id", flat=True)
    )


def _walk(client, limit: int, **query) -> list[list[int]]:
    pages, cursor = [], None
    while True:
        params = {"limit": limit, **query, **({"cursor": cursor} if cursor else {})}
        body = client.get("/inbox", **params).json()
        pages.append([item["id"] for item in body["items"]])
        cursor = body["next"]
        if cursor is None:
            return pages


@pytest.mark.parametrize("same_time", [False, True])
def test_the_cursor_walks_every_message_once_in_order(member, api_as, same_time):
    # given 45 messages
    expected = _messages(member, 45, same_time=same_time)
    # when the phone reads them 20 at a time
    pages = _walk(api_as(member), 20)
    # then
    assert [len(page) for page in pages] == [20, 20, 5]
    assert [pk for page in pages for pk in page] == expected


def test_a_message_arriving_while_paging_moves_nothing_under_the_cursor(member, api_as):
    expected = _messages(member, 10)
    client = api_as(member)
    first = client.get("/inbox", limit=4).json()
    notify(kind=OFFICE_NOTICE, recipients=[member], title="新消息")
    rest = client.get("/inbox", limit=10, cursor=first["next"]).json()
    assert [i["id"] for i in first["items"] + rest["items"]] == expected


def test_the_unread_filter_pages_too(member, api_as):
    expected = _messages(member, 6)
    Notification.objects.filter(pk__in=expected[:2]).update(read_at=timezone.now())
    assert [pk for page in _walk(api_as(member), 3, unread="true") for pk in page] == expected[2:]


@pytest.mark.parametrize("cursor", ["garbage", "eyJvIjpbXX0:1:abc"])
def test_a_forged_cursor_is_a_400_on_the_cursor_field(member, api_as, cursor):
    response = api_as(member).get("/inbox", cursor=cursor)
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


def test_a_cursor_of_another_list_is_refused(member, api_as):
    # given a next cursor from the devices list (another ordering, another model)
    client = api_as(member)
    for _ in range(3):
        api_as(member)
    cursor = client.get("/me/devices", limit=1).json()["next"]
    assert cursor
    # when it is used on the inbox  (the same ordering names: it decodes, but on tokens' ids)
    response = client.get("/inbox", cursor=cursor)
    # then it is read as a position, never as a crash: an answer or a refusal
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("limit", [0, 101, "x"])
def test_a_limit_out_of_range_is_a_400(member, api_as, limit):
    response = api_as(member).get("/inbox", limit=limit)
    assert response.status_code == 400
    assert "limit" in response.json()["error"]["fields"]


@pytest.mark.parametrize("count", [5, 60])
def test_the_inbox_reads_in_the_same_queries_at_any_size(
    member, api_as, django_assert_max_num_queries, count
):
    _messages(member, count)
    client = api_as(member)
    client.get("/me")  # the token's last-used stamp is now fresh
    with django_assert_max_num_queries(INBOX_QUERIES):
        response = client.get("/inbox", limit=50)
    assert len(response.json()["items"]) == min(count, 50)


@pytest.mark.parametrize("count", [2, 30])
def test_the_devices_list_reads_in_the_same_queries_at_any_size(
    member, api_as, django_assert_max_num_queries, count
):
    clients = [api_as(member) for _ in range(count)]
    with django_assert_max_num_queries(INBOX_QUERIES):
        response = clients[0].get("/me/devices", limit=50)
    assert len(response.json()["items"]) == count


def test_an_unchanged_inbox_answers_304_and_a_new_message_changes_it(member, api_as):
    # given the phone has read the inbox once
    _messages(member, 3)
    client = api_as(member)
    first = client.get("/inbox")
    etag = first["ETag"]
    assert etag and "private" in first["Cache-Control"]
    # when it asks again with the tag
    again = client.get("/inbox", headers={"If-None-Match": etag})
    # then nothing is sent
    assert again.status_code == 304
    assert again.content == b""
    # and a new message makes the old tag stale
    notify(kind=OFFICE_NOTICE, recipients=[member], title="新消息")
    changed = client.get("/inbox", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["items"][0]["title"] == "新消息"


def test_the_profile_answers_304_until_it_changes(member, api_as):
    client = api_as(member)
    etag = client.get("/me")["ETag"]
    assert client.get("/me", headers={"If-None-Match": etag}).status_code == 304
    member.display_name = "新名字"
    member.save()
    assert client.get("/me", headers={"If-None-Match": etag}).status_code == 200


def test_mark_read_one_and_all(member, api_as):
    ids = _messages(member, 3)
    client = api_as(member)
    assert client.post(f"/inbox/{ids[0]}/read").json() == {"marked": 1}
    assert client.post(f"/inbox/{ids[0]}/read").json() == {"marked": 0}
    assert client.post("/inbox/read").json() == {"marked": 2}
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def test_nobody_marks_anothers_message(member, api_as, city, make_user):
    ids = _messages(member, 1)
    other = api_as(make_user(Role.MEMBER, city))
    assert other.post(f"/inbox/{ids[0]}/read").json() == {"marked": 0}
    assert Notification.objects.get(pk=ids[0]).read_at is None


def test_an_expired_token_is_not_listed_among_devices(member, api_as):
    client = api_as(member)
    api_as(member)
    from zhengxie.core.models import ApiToken

    ApiToken.objects.exclude(pk=ApiToken.objects.order_by("id").first().pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    assert len(client.get("/me/devices").json()["items"]) == 1
