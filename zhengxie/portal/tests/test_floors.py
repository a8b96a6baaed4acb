import threading

import pytest
from django.db import connection

from zhengxie.portal.models import Post, PostStatus, Thread
from zhengxie.portal.services import moderation, posting
from zhengxie.portal.templatetags.portal_tags import floor_name


def test_floor_names_follow_discuz():
    assert [floor_name(n) for n in (1, 2, 3, 4, 12)] == ["楼主", "沙发", "板凳", "4楼", "12楼"]


def test_replies_take_the_next_floor_and_count(thread, resident):
    # when
    first = posting.reply(user=resident, thread=thread, body="一楼", skip_limits=True)
    second = posting.reply(user=resident, thread=thread, body="二楼", skip_limits=True)
    # then
    assert (first.floor, second.floor) == (2, 3)
    thread.refresh_from_db()
    assert (thread.replies, thread.max_floor) == (2, 3)


def test_hidden_and_deleted_floors_keep_their_numbers(thread, resident, staff):
    # given
    posts = [
        posting.reply(user=resident, thread=thread, body=f"第{i}条", skip_limits=True)
        for i in range(3)
    ]
    # when
    moderation.moderate_post(actor=staff, post=posts[0], act="hide", reason="广告")
    moderation.moderate_post(actor=staff, post=posts[1], act="delete", reason="重复")
    after = posting.reply(user=resident, thread=thread, body="新回复", skip_limits=True)
    # then
    assert after.floor == 5
    thread.refresh_from_db()
    assert thread.replies == 2  # floors 4 and 5 are visible replies
    floors = list(Post.objects.filter(thread=thread).values_list("floor", "status"))
    assert floors == [
        (1, PostStatus.VISIBLE),
        (2, PostStatus.HIDDEN),
        (3, PostStatus.DELETED),
        (4, PostStatus.VISIBLE),
        (5, PostStatus.VISIBLE),
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_replies_get_gapless_unique_floors(city, make_user):
    # given
    from zhengxie.core.models import Role
    from zhengxie.portal.factories import make_board, make_thread

    board = make_board(committee=city)
    author = make_user(Role.STAFF, city)
    thread = make_thread(board=board, author=author)
    writers = [make_user(Role.RESIDENT, city) for _ in range(12)]
    errors = []

    def write(user):
        try:
            for _ in range(3):
                posting.reply(user=user, thread=thread, body="并发回复", skip_limits=True)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    # when
    workers = [threading.Thread(target=write, args=(u,)) for u in writers]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    # then
    assert errors == []
    floors = sorted(Post.objects.filter(thread=thread).values_list("floor", flat=True))
    assert floors == list(range(1, 38))
    thread = Thread.objects.get(pk=thread.pk)
    assert (thread.replies, thread.max_floor) == (36, 37)
