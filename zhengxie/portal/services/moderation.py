"""Moderator acts on posts, threads and people; each act is logged in ModerationAction.

A floor's status, its thread's and a report's move through their workflows (`workflow.py`).
The effects below keep everything that hangs on a floor's status in step whenever it enters
one, by a moderator's step or by an override: the thread (its status follows the first floor,
its reply count the others), the search index, the credits, the open reports and the log.
They run before the engine saves the floor, so they read its new status from the step.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.workflow import Step, WorkflowError, apply, override, workflow_of

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


def moderate_post(*, actor, post: Post, act: str, reason: str = "") -> Post:
    """Hide, unhide, approve or soft-delete one floor; floors are never renumbered. Locks the
    thread, then the floor: the order every write of a floor takes."""
    permissions.check_moderate(actor, post.thread.board)
    with transaction.atomic():
        Thread.objects.select_for_update().get(pk=post.thread_id)
        current = Post.objects.select_related("thread__board").get(pk=post.pk)
        return apply(current, act, actor, reason=reason.strip())


# The floor workflow's entry effects, named in its table.


def update_thread(step: Step) -> None:
    """The first floor's status is its thread's; a reply counts in the thread's replies while
    visible. The search index and the guests' cached pages follow."""
    post = step.record
    thread = Thread.objects.select_for_update().select_related("board").get(pk=post.thread_id)
    if post.floor == 1:
        thread = _follow_first_floor(thread, step)
    else:
        _count_replies(thread, step)
    post.thread = thread
    search_index.index_post(post=post, thread=thread)
    transaction.on_commit(lambda: pages.invalidate_thread_pages(thread))


def _follow_first_floor(thread: Thread, step: Step) -> Thread:
    """The thread takes the floor's step, or is overridden with it when the step does not
    start from the thread's status (an override of the floor, or a thread out of step)."""
    if thread.status == step.target:
        return thread
    threads = workflow_of(Thread)
    name = step.transition.name if step.transition else ""
    if name and thread.status in threads.transition(name).sources:
        return apply(thread, name, step.actor, reason=step.reason)
    reason = step.reason or step.label
    return override(thread, target=step.target, actor=step.actor, reason=reason)


def _count_replies(thread: Thread, step: Step) -> None:
    """Replies count the visible floors after the first (Misago's synchronize)."""
    others = Post.objects.filter(thread=thread, status=PostStatus.VISIBLE, floor__gt=1)
    replies = others.exclude(pk=step.record.pk).count() + (step.target == PostStatus.VISIBLE)
    if thread.replies != replies:
        thread.replies = replies
        thread._history_user, thread._change_reason = step.actor, step.label
        thread.save(update_fields=["replies"])


def _credit_action(post: Post) -> str:
    return CreditAction.THREAD if post.floor == 1 else CreditAction.REPLY


def award_post_credits(step: Step) -> None:
    """A floor published from the queue, or brought back from deletion, earns its credits;
    one live award per floor and act, so a repeat is a no-op. Unhiding changes nothing."""
    if step.source in (PostStatus.PENDING, PostStatus.DELETED):
        credits.award_credits(post=step.record, action=_credit_action(step.record))
        contribution.credit_member(post=step.record)


def withhold_post_credits(step: Step) -> None:
    """A floor sent back to the queue holds no credits until it is approved again."""
    credits.reverse_credits(post=step.record, action=_credit_action(step.record), note=step.reason)
    contribution.revoke_member(post=step.record)


def take_back_post_credits(step: Step) -> None:
    """Deleting a published floor takes its credits back and costs the deletion penalty; a
    queued floor never earned any."""
    if step.source == PostStatus.PENDING:
        return
    post = step.record
    credits.reverse_credits(post=post, action=_credit_action(post), note=step.reason)
    credits.penalise_deletion(post=post, note=step.reason)
    contribution.revoke_member(post=post)


def close_open_reports(step: Step) -> None:
    """A moderator who acts on a floor has handled its open reports: each one takes its own
    step, with its own history."""
    reports = Report.objects.filter(post_id=step.record.pk, status=ReportStatus.OPEN)
    for report in reports.select_related("post__thread__board"):
        apply(report, "handle", step.actor, reason=step.label)


def log_moderation(step: Step) -> None:
    post = step.record
    act = step.transition.name if step.transition else ModAct.OVERRIDE
    _log(actor=step.actor, act=act, thread=post.thread, post=post, reason=step.reason)


# The thread workflow's entry effects: what a thread's own status change needs.


def reindex_thread(step: Step) -> None:
    search_index.index_thread(thread=step.record)


def forget_thread_pages(step: Step) -> None:
    thread = step.record
    transaction.on_commit(lambda: pages.invalidate_thread_pages(thread))


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
    """Nothing wrong with the floor: the report is closed as dismissed. Locks the report."""
    permissions.check_moderate(actor, report.post.thread.board)
    current = Report.objects.select_related("post__thread__board").get(pk=report.pk)
    return apply(current, "dismiss", actor)


# The report workflow's effects.


def mark_report_handler(step: Step) -> None:
    step.touch(handled_by=step.actor)


def reopen_report(step: Step) -> None:
    """A report overridden back to open: one open report per reporter and floor."""
    report = step.record
    others = Report.objects.filter(
        post_id=report.post_id, reporter_id=report.reporter_id, status=ReportStatus.OPEN
    )
    if others.exclude(pk=report.pk).exists():
        raise WorkflowError(_("该举报人对这个帖子已有待处理的举报。"))
    step.touch(handled_by=None)


def log_dismissal(step: Step) -> None:
    post = step.record.post
    _log(actor=step.actor, act=ModAct.DISMISS, thread=post.thread, post=post)
