from django.urls import reverse

from zhengxie.core.factories import make_member
from zhengxie.core.services.members import set_member_active
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.portal.models import Audience, Thread


def test_departed_member_can_neither_open_nor_post_on_the_members_board(client, city, staff):
    # given the members' board and a member who wrote on it
    board = make_board(
        committee=city, view=[Audience.MEMBER, Audience.STAFF], post=[Audience.MEMBER]
    )
    member = make_member(committee=city, with_account=True)
    thread = make_thread(board=board, author=member.user, title="委员履职心得")
    # when the member departs and signs in again
    set_member_active(user=staff, member=member, active=False, reason="换届离任")
    member.user.refresh_from_db()
    client.force_login(member.user)
    # then the board is closed to them, and what they wrote stays
    assert client.get(reverse("portal:board", args=[board.pk])).status_code in {403, 404}
    posted = client.post(
        reverse("portal:thread_create", args=[board.pk]), {"title": "离任后发帖", "body": "正文"}
    )
    assert posted.status_code in {403, 404}
    assert list(Thread.objects.filter(board=board)) == [thread]
