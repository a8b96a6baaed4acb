"""The forum's moderation workflows on the platform's one engine: a floor's status (审核、
屏蔽、删除), its thread's, which follows the first floor, and a report's. The moderation
service, the buttons on the thread page and in the moderation queue, the guide page and
`manage.py workflows` all read these tables; the effects live in services/moderation.py."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import Reason, State, Transition, Workflow, register, transition

from .models import Post, PostStatus, Report, ReportStatus, Thread
from .permissions import MODERATOR
from .services.moderation import (
    award_post_credits,
    close_open_reports,
    forget_thread_pages,
    log_dismissal,
    log_moderation,
    mark_report_handler,
    reindex_thread,
    reopen_report,
    take_back_post_credits,
    update_thread,
    withhold_post_credits,
)
from .views.posting import floor_url

P = PostStatus


def _moderation_steps(*, button: bool) -> tuple[Transition, ...]:
    """The moderator's four acts; a floor and its thread share them, under the same names."""
    options = {"reason": Reason.OPTIONAL, "button": button}
    return (
        transition("approve", _("审核通过"), {P.PENDING}, P.VISIBLE, MODERATOR, **options),
        transition("hide", _("屏蔽"), {P.VISIBLE}, P.HIDDEN, MODERATOR, **options),
        transition("unhide", _("取消屏蔽"), {P.HIDDEN}, P.VISIBLE, MODERATOR, **options),
        transition(
            "delete", _("删除"), {P.VISIBLE, P.HIDDEN, P.PENDING}, P.DELETED, MODERATOR, **options
        ),
    )


# Every entry keeps the thread, the index, the open reports and the log in step with the floor.
_FLOOR_FOLLOWS = (update_thread, close_open_reports, log_moderation)

FORUM_POST = Workflow(
    name="forum_post",
    label=_("论坛帖子审核"),
    model=Post,
    state_field="status",
    description=_("需审核版块的帖子先进入审核队列；版主可屏蔽、取消屏蔽或删除，楼层号不变。"),
    states=(
        State(P.VISIBLE, P.VISIBLE.label, on_enter=(*_FLOOR_FOLLOWS, award_post_credits)),
        State(P.PENDING, P.PENDING.label, on_enter=(*_FLOOR_FOLLOWS, withhold_post_credits)),
        State(P.HIDDEN, P.HIDDEN.label, on_enter=_FLOOR_FOLLOWS),
        State(
            P.DELETED,
            P.DELETED.label,
            terminal=True,
            on_enter=(*_FLOOR_FOLLOWS, take_back_post_credits),
        ),
    ),
    transitions=_moderation_steps(button=True),
    override_by=MODERATOR,
    queryset=lambda: Post.objects.select_related("thread__board"),
    record_url=floor_url,
)

FORUM_THREAD = Workflow(
    name="forum_thread",
    label=_("论坛主题状态"),
    model=Thread,
    state_field="status",
    description=_("主题的状态随其首帖（楼主）：首帖审核通过、屏蔽或删除时，主题随之。"),
    states=tuple(
        State(
            status,
            status.label,
            terminal=status == P.DELETED,
            on_enter=(reindex_thread, forget_thread_pages),
        )
        for status in PostStatus
    ),
    # Taken by the first floor's steps, never from a button of their own.
    transitions=_moderation_steps(button=False),
    override_by=MODERATOR,
    queryset=lambda: Thread.objects.select_related("board"),
    record_url=lambda thread: reverse("portal:thread", args=[thread.pk]),
)

R = ReportStatus

FORUM_REPORT = Workflow(
    name="forum_report",
    label=_("帖子举报"),
    model=Report,
    state_field="status",
    description=_("读者举报帖子；版主处理该帖时举报随之办结，或驳回举报。"),
    states=(
        State(R.OPEN, R.OPEN.label, on_enter=(reopen_report,)),
        State(R.HANDLED, R.HANDLED.label, terminal=True, on_enter=(mark_report_handler,)),
        State(R.DISMISSED, R.DISMISSED.label, terminal=True, on_enter=(mark_report_handler,)),
    ),
    transitions=(
        transition(
            "dismiss", _("驳回举报"), {R.OPEN}, R.DISMISSED, MODERATOR, after=(log_dismissal,)
        ),
        # Taken by the moderator's act on the reported floor.
        transition("handle", _("处理举报"), {R.OPEN}, R.HANDLED, MODERATOR, button=False),
    ),
    override_by=MODERATOR,
    queryset=lambda: Report.objects.select_related("post__thread__board"),
    record_url=lambda report: reverse("portal:moderation"),
)


def register_workflows() -> None:
    register(FORUM_POST, FORUM_THREAD, FORUM_REPORT)
