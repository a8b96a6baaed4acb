"""Moderator acts on posts, threads and people; each act is logged in ModerationAction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, search_index
from ..models import (
    Board,
    CreditAction,
    ForumBan,
    ModAct,
    ModerationAction,
    Post,
    PostStatus,
    Report,
    ReportStatus,
    Thread,
)
from . import contribution, credits, pages

# act -> (statuses it applies to, the status it leaves). Approve publishes a queued post.
POST_TRANSITIONS = {
    ModAct.HIDE: ({PostStatus.VISIBLE}, PostStatus.HIDDEN),
    ModAct.UNHIDE: ({PostStatus.HIDDEN}, PostStatus.VISIBLE),
    ModAct.APPROVE: ({PostStatus.PENDING}, PostStatus.VISIBLE),
    ModAct.DELETE: ({PostStatus.VISIBLE, PostStatus.HIDDEN, PostStatus.PENDING}, "deleted"),
}
# act -> (Thread field, value)
THREAD_FLAGS = {
    ModAct.LOCK: ("is_locked", True),
    ModAct.UNLOCK: ("is_locked", False),
    ModAct.PIN: ("is_pinned", True),
    ModAct.UNPIN: ("is_pinned", False),
    ModAct.DIGEST: ("is_digest", True),
    ModAct.UNDIGEST: ("is_digest", False),
}


def _log(*, actor, act: str, thread: Thread, post: Post | None = None, reason: str = "") -> None:
    ModerationAction.objects.create(
        committee_id=thread.committee_id,
        actor=actor,
        act=act,
        thread=thread,
        post=post,
        target_user_id=post.author_id if post else thread.author_id,
        reason=reason[:200],
    )


def _sync_thread(thread: Thread) -> None:
    """Replies count the visible floors after the first (Misago's synchronize)."""
    visible = Post.objects.filter(thread=thread, status=PostStatus.VISIBLE, floor__gt=1)
    thread.replies = visible.count()
    first = Post.objects.get(thread=thread, floor=1)
    thread.status = first.status
    thread.save(update_fields=["replies", "status"])


def moderate_post(*, actor, post: Post, act: str, reason: str = "") -> Post:
    """Hide, unhide, approve or soft-delete one floor; floors are never renumbered."""
    permissions.check_moderate(actor, post.thread.board)
    allowed_from, to_status = POST_TRANSITIONS[act]
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=post.thread_id)
        post = Post.objects.select_for_update().get(pk=post.pk)
        if post.status not in allowed_from:
            raise ValidationError(_("该帖子当前状态不能执行此操作。"))
        was = post.status
        post.status = to_status
        post.save(update_fields=["status"])
        _sync_thread(thread)
        search_index.index_post(post=post, thread=thread)
        _log(actor=actor, act=act, thread=thread, post=post, reason=reason)
        _credit_effects(post, was, act, reason)
        Report.objects.filter(post=post, status=ReportStatus.OPEN).update(
            status=ReportStatus.HANDLED, handled_by=actor
        )
        transaction.on_commit(lambda: pages.invalidate_thread_pages(thread))
    return post


def _credit_effects(post: Post, was: str, act: str, reason: str) -> None:
    action = CreditAction.THREAD if post.floor == 1 else CreditAction.REPLY
    if act == ModAct.APPROVE:
        credits.award_credits(post=post, action=action)
        contribution.credit_member(post=post)
    elif act == ModAct.DELETE and was != PostStatus.PENDING:
        credits.reverse_credits(post=post, action=action, note=reason)
        credits.penalise_deletion(post=post, note=reason)
        contribution.revoke_member(post=post)


def set_thread_flag(*, actor, thread: Thread, act: str, reason: str = "") -> Thread:
    """Lock, pin or digest (and undo); a digest awards the digest credit, undoing reverses it."""
    permissions.check_moderate(actor, thread.board)
    field, value = THREAD_FLAGS[act]
    with transaction.atomic():
        thread = Thread.objects.select_for_update().select_related("board").get(pk=thread.pk)
        if getattr(thread, field) == value:
            return thread
        setattr(thread, field, value)
        thread.save(update_fields=[field])
        _log(actor=actor, act=act, thread=thread, reason=reason)
        first = Post.objects.get(thread=thread, floor=1)
        if act == ModAct.DIGEST:
            credits.award_credits(post=first, action=CreditAction.DIGEST)
        elif act == ModAct.UNDIGEST:
            credits.reverse_credits(post=first, action=CreditAction.DIGEST)
        transaction.on_commit(lambda: pages.invalidate_thread_pages(thread))
    return thread


def move_thread(*, actor, thread: Thread, board: Board, reason: str = "") -> Thread:
    permissions.check_moderate(actor, thread.board)
    permissions.check_moderate(actor, board)
    if board.committee_id != thread.committee_id:
        raise ValidationError({"board": _("目标版块：只能移动到本政协的版块。")})
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        thread.board = board
        thread.save(update_fields=["board"])
        # The new board may differ in who reads it: every floor's public flag follows.
        search_index.index_thread(thread=thread)
        _log(actor=actor, act=ModAct.MOVE, thread=thread, reason=reason or board.name)
        transaction.on_commit(lambda: pages.invalidate_thread_pages(thread))
    return thread


def ban_from_board(*, actor, board: Board, user, reason: str, until=None) -> ForumBan:
    """A moderator's ban: no new or edited floors on this board; other boards are untouched."""
    permissions.check_ban_from_board(actor, board, user)
    committee_id = board.committee_id
    return _ban(
        actor=actor, committee_id=committee_id, board=board, user=user, reason=reason, until=until
    )


def ban_from_forum(*, actor, committee_id: int, user, reason: str, until=None) -> ForumBan:
    """Staff's ban from every board of the committee's forum."""
    permissions.check_ban_from_forum(actor, committee_id)
    return _ban(
        actor=actor, committee_id=committee_id, board=None, user=user, reason=reason, until=until
    )


def _ban(*, actor, committee_id: int, board: Board | None, user, reason: str, until) -> ForumBan:
    if not reason.strip():
        raise ValidationError({"reason": _("原因：不能为空。")})
    if until is not None and until <= timezone.now():
        raise ValidationError({"until": _("截止时间：须晚于现在。")})
    with transaction.atomic():
        ban = ForumBan.objects.create(
            committee_id=committee_id,
            board=board,
            user=user,
            reason=reason,
            until=until,
            banned_by=actor,
        )
        ModerationAction.objects.create(
            committee_id=committee_id,
            actor=actor,
            act=ModAct.BAN,
            target_user=user,
            reason=reason[:200],
        )
    return ban


def report_post(*, user, post: Post, reason: str) -> Report:
    permissions.check_view_thread(user, post.thread)
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("请先登录再举报。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("举报理由：不能为空。")})
    report, _created = Report.objects.get_or_create(
        post=post,
        reporter=user,
        status=ReportStatus.OPEN,
        defaults={"committee_id": post.committee_id, "reason": reason[:200]},
    )
    return report


def dismiss_report(*, actor, report: Report) -> Report:
    permissions.check_moderate(actor, report.post.thread.board)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        report.status = ReportStatus.DISMISSED
        report.handled_by = actor
        report.save(update_fields=["status", "handled_by"])
        _log(actor=actor, act=ModAct.DISMISS, thread=report.post.thread, post=report.post)
    return report
