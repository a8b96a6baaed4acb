import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.portal.models import (
    BoardKind,
    CreditBalance,
    CreditEntry,
    ModerationAction,
    PostStatus,
    Report,
    ReportStatus,
)
from zhengxie.portal.rules import credit_level
from zhengxie.portal.services import moderation, posting


def _total(user) -> int:
    return CreditBalance.objects.get(user=user).total


def test_thread_and_reply_earn_the_boards_credits(board, staff, resident):
    # given: this board pays 3 for a reply instead of the default 1
    board.credit_rules.create(action="reply", points=3)
    thread = make_thread(board=board, author=staff)
    # when
    posting.reply(user=resident, thread=thread, body="支持", skip_limits=True)
    # then
    assert _total(staff) == 2
    assert _total(resident) == 3
    assert CreditBalance.objects.get(user=resident).posts == 1


def test_deleting_a_reply_reverses_with_a_negative_row_and_a_penalty(board, staff, resident):
    # given
    thread = make_thread(board=board, author=staff)
    post = posting.reply(user=resident, thread=thread, body="灌水", skip_limits=True)
    # when
    moderation.moderate_post(actor=staff, post=post, act="delete", reason="灌水")
    # then: +1, -1 (reversal), -2 (penalty); the award row is untouched
    rows = list(
        CreditEntry.objects.filter(user=resident).order_by("id").values_list("points", flat=True)
    )
    assert rows == [1, -1, -2]
    award = CreditEntry.objects.filter(user=resident).order_by("id").first()
    assert award.reversal.points == -1
    assert _total(resident) == -2
    assert credit_level(board.committee_id, -2) == "限制会员"


def test_digest_awards_and_undigest_reverses(board, staff, thread):
    moderation.set_thread_flag(actor=staff, thread=thread, act="digest")
    assert _total(staff) == 2 + 5
    moderation.set_thread_flag(actor=staff, thread=thread, act="undigest")
    assert _total(staff) == 2


def test_rebuild_recomputes_balances_from_the_ledger(board, staff, resident, thread):
    posting.reply(user=resident, thread=thread, body="一", skip_limits=True)
    CreditBalance.objects.filter(user=resident).update(total=999, posts=0)
    # when
    call_command("rebuild_forum_credits", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # then
    balance = CreditBalance.objects.get(user=resident)
    assert (balance.total, balance.posts) == (1, 1)


def test_members_posts_on_the_deliberation_board_credit_their_duty(
    city, staff, django_capture_on_commit_callbacks
):
    # given
    board = make_board(committee=city, kind=BoardKind.DELIBERATION)
    member = make_member(committee=city, with_account=True)
    thread = make_thread(board=board, author=staff)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        post = posting.reply(user=member.user, thread=thread, body="建议", skip_limits=True)
    # then
    assert DutyRecord.objects.filter(member=member, kind=DutyKind.FORUM, sign=1).count() == 1
    # and deleting revokes it
    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate_post(actor=staff, post=post, act="delete")
    assert sum(DutyRecord.objects.filter(member=member).values_list("sign", flat=True)) == 0


def test_ordinary_boards_do_not_credit_duty(board, city, staff):
    member = make_member(committee=city, with_account=True)
    thread = make_thread(board=board, author=staff)
    posting.reply(user=member.user, thread=thread, body="建议", skip_limits=True)
    assert not DutyRecord.objects.filter(member=member).exists()


def test_board_moderator_may_hide_and_every_act_is_logged(thread, moderator, resident):
    post = posting.reply(user=resident, thread=thread, body="广告", skip_limits=True)
    # when
    moderation.moderate_post(actor=moderator, post=post, act="hide", reason="广告")
    # then
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    thread.refresh_from_db()
    assert thread.replies == 0
    action = ModerationAction.objects.get()
    assert (action.actor, action.act, action.reason) == (moderator, "hide", "广告")


def test_residents_cannot_moderate(thread, resident):
    post = posting.reply(user=resident, thread=thread, body="内容", skip_limits=True)
    with pytest.raises(PermissionDenied):
        moderation.moderate_post(actor=resident, post=post, act="hide")
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE


def test_moderator_of_another_board_cannot_act_here(city, thread, make_user, resident):
    other = make_board(committee=city)
    outsider = make_user(Role.RESIDENT, city)
    other.moderators.add(outsider)
    with pytest.raises(PermissionDenied):
        moderation.set_thread_flag(actor=outsider, thread=thread, act="lock")


def test_locked_thread_refuses_replies_but_not_moderators(thread, staff, resident):
    moderation.set_thread_flag(actor=staff, thread=thread, act="lock")
    with pytest.raises(PermissionDenied):
        posting.reply(user=resident, thread=thread, body="还想说", skip_limits=True)
    assert posting.reply(user=staff, thread=thread, body="管理员说明", skip_limits=True).floor == 2


def test_banned_user_cannot_post(board, thread, staff, resident):
    moderation.ban_from_board(actor=staff, board=board, user=resident, reason="多次发广告")
    with pytest.raises(PermissionDenied, match="禁言"):
        posting.reply(user=resident, thread=thread, body="再发", skip_limits=True)


def test_move_pin_and_logged(city, thread, staff):
    target = make_board(committee=city)
    moderation.move_thread(actor=staff, thread=thread, board=target)
    moderation.set_thread_flag(actor=staff, thread=thread, act="pin")
    thread.refresh_from_db()
    assert (thread.board, thread.is_pinned) == (target, True)
    assert set(ModerationAction.objects.values_list("act", flat=True)) == {"move", "pin"}


def test_approval_board_queues_posts_until_approved(city, staff, resident):
    board = make_board(committee=city, requires_approval=True)
    thread = make_thread(board=board, author=staff)
    post = posting.reply(user=resident, thread=thread, body="待审", skip_limits=True)
    thread.refresh_from_db()
    assert (post.status, thread.replies) == (PostStatus.PENDING, 0)
    assert not CreditEntry.objects.filter(user=resident).exists()
    # when
    moderation.moderate_post(actor=staff, post=post, act="approve")
    # then
    thread.refresh_from_db()
    assert thread.replies == 1
    assert _total(resident) == 1


def test_report_then_hide_closes_the_report(thread, staff, resident, make_user, city):
    post = posting.reply(user=resident, thread=thread, body="不文明用语", skip_limits=True)
    reporter = make_user(Role.RESIDENT, city)
    report = moderation.report_post(user=reporter, post=post, reason="不文明")
    with pytest.raises(ValidationError):
        moderation.report_post(user=reporter, post=post, reason="  ")
    moderation.moderate_post(actor=staff, post=post, act="hide")
    report.refresh_from_db()
    assert (report.status, report.handled_by) == (ReportStatus.HANDLED, staff)
    assert Report.objects.count() == 1
