"""A moderator's powers end at the boards they moderate; forum-wide bans are staff's (#12)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zhengxie.core.models import Role
from zhengxie.core.workflow import workflow_of
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.portal.models import ForumBan, ModAct, Post, PostStatus
from zhengxie.portal.services import moderation, posting


@pytest.fixture
def other_board(city):
    return make_board(committee=city)


@pytest.fixture
def other_thread(other_board, staff):
    return make_thread(board=other_board, author=staff, title="另一版块的主题")


def test_a_moderators_ban_keeps_the_user_out_of_their_board_only(
    thread, other_thread, board, moderator, resident
):
    # when: the moderator of board A bans a resident there
    ban = moderation.ban_from_board(actor=moderator, board=board, user=resident, reason="刷屏")
    # then: the resident may not post in A but still may in B
    assert ban.board == board
    with pytest.raises(PermissionDenied, match="禁言"):
        posting.reply(user=resident, thread=thread, body="再发", skip_limits=True)
    assert posting.reply(user=resident, thread=other_thread, body="正常发言", skip_limits=True)


def test_a_moderator_cannot_ban_from_the_whole_forum(city, moderator, resident):
    # when / then
    with pytest.raises(PermissionDenied):
        moderation.ban_from_forum(
            actor=moderator, committee_id=city.pk, user=resident, reason="刷屏"
        )
    assert not ForumBan.objects.exists()


def test_a_moderator_cannot_ban_from_a_board_they_do_not_moderate(other_board, moderator, resident):
    # when / then
    with pytest.raises(PermissionDenied):
        moderation.ban_from_board(actor=moderator, board=other_board, user=resident, reason="刷屏")
    assert not ForumBan.objects.exists()


@pytest.mark.parametrize("target", ["staff", "co_moderator"])
def test_a_moderator_cannot_ban_staff_or_another_moderator_of_the_board(
    city, board, moderator, staff, make_user, target
):
    # given
    co_moderator = make_user(Role.RESIDENT, city)
    board.moderators.add(co_moderator)
    victim = {"staff": staff, "co_moderator": co_moderator}[target]
    # when / then
    with pytest.raises(PermissionDenied):
        moderation.ban_from_board(actor=moderator, board=board, user=victim, reason="不服管理")
    assert not ForumBan.objects.exists()


def test_staff_ban_from_the_whole_forum(city, thread, other_thread, staff, resident):
    # when
    moderation.ban_from_forum(actor=staff, committee_id=city.pk, user=resident, reason="广告")
    # then: no board of the committee takes the resident's posts
    for target in (thread, other_thread):
        with pytest.raises(PermissionDenied, match="禁言"):
            posting.reply(user=resident, thread=target, body="再发", skip_limits=True)


def _act_on(act: str, *, actor, thread, post, board):
    if workflow_of(Post).has_transition(act):
        return moderation.moderate_post(actor=actor, post=post, act=act)
    if act == ModAct.MOVE:
        return moderation.move_thread(actor=actor, thread=thread, board=board)
    return moderation.set_thread_flag(actor=actor, thread=thread, act=act)


ACTS = [ModAct.HIDE, ModAct.DELETE, ModAct.LOCK, ModAct.PIN, ModAct.DIGEST, ModAct.MOVE]


@pytest.mark.parametrize("act", ACTS)
def test_a_moderator_cannot_moderate_another_board(board, other_thread, moderator, resident, act):
    # given: a reply on board B, whose moderator the moderator of A is not
    post = posting.reply(user=resident, thread=other_thread, body="待管理", skip_limits=True)
    # when / then
    with pytest.raises(PermissionDenied):
        _act_on(act, actor=moderator, thread=other_thread, post=post, board=board)
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE


@pytest.mark.parametrize("act", ACTS)
def test_staff_moderate_every_board(board, other_thread, staff, resident, act):
    # given
    post = posting.reply(user=resident, thread=other_thread, body="待管理", skip_limits=True)
    # when / then: no refusal
    _act_on(act, actor=staff, thread=other_thread, post=post, board=board)


def test_a_moderator_cannot_ban_forum_wide_through_the_profile_page(client, moderator, resident):
    # given
    client.force_login(moderator)
    # when: the ban form is posted with no board, as staff's forum-wide choice is
    response = client.post(
        reverse("portal:user_ban", args=[resident.pk]), {"board": "", "reason": "刷屏"}
    )
    # then
    assert response.status_code == 403
    assert not ForumBan.objects.exists()


def test_the_moderation_log_shows_a_moderator_only_their_boards(
    client, board, thread, other_thread, moderator, staff, resident
):
    # given: staff hide a floor on board B with a reason
    post = posting.reply(user=resident, thread=other_thread, body="违规", skip_limits=True)
    moderation.moderate_post(actor=staff, post=post, act=ModAct.HIDE, reason="B版内部理由")
    moderation.ban_from_forum(
        actor=staff, committee_id=board.committee_id, user=resident, reason="全站禁言理由"
    )
    # and the moderator hides a floor on A and bans someone from A
    first = Post.objects.get(thread=thread, floor=1)
    moderation.moderate_post(actor=moderator, post=first, act=ModAct.HIDE, reason="A版理由")
    moderation.ban_from_board(actor=moderator, board=board, user=resident, reason="A版禁言")
    client.force_login(moderator)
    # when
    page = client.get(reverse("portal:moderation")).content.decode()
    # then
    assert "A版理由" in page and "A版禁言" in page
    assert "B版内部理由" not in page and "全站禁言理由" not in page


@pytest.mark.parametrize(
    ("who", "offered"),
    [("staff", True), ("county_staff", False), ("resident", False)],
)
def test_the_bar_offers_the_moderation_queue_to_those_it_opens_for(
    client, board, staff, resident, county, make_user, who, offered
):
    # given a county's staff, who hold the staff role but not over the city's forum
    people = {
        "staff": staff,
        "resident": resident,
        "county_staff": make_user(Role.STAFF, county),
    }
    client.force_login(people[who])
    # when
    home = client.get(reverse("core:home")).content.decode()
    queue = client.get(reverse("portal:moderation"))
    # then the menu entry and the page agree
    assert (reverse("portal:moderation") in home) is offered
    assert queue.status_code == (200 if offered else 403)
