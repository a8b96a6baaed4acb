"""The moderation queue and log, limited to the boards a person moderates."""

from zhengxie.core.models import Committee

from .. import permissions
from ..models import Board, ModerationAction, Post, PostStatus, Report, ReportStatus


def moderated_board_ids(user, committee: Committee) -> list[int]:
    boards = Board.objects.filter(committee=committee)
    return [b.pk for b in boards if permissions.can_moderate(user, b)]


def get_queue(user, committee: Committee) -> dict:
    board_ids = moderated_board_ids(user, committee)
    pending = (
        Post.objects.filter(thread__board_id__in=board_ids, status=PostStatus.PENDING)
        .select_related("thread", "thread__board", "author")
        .order_by("created_at")[:100]
    )
    reports = (
        Report.objects.filter(post__thread__board_id__in=board_ids, status=ReportStatus.OPEN)
        .select_related("post", "post__thread", "post__author", "reporter")
        .order_by("created_at")[:100]
    )
    log = ModerationAction.objects.filter(committee=committee).select_related(
        "actor", "thread", "target_user"
    )[:50]
    return {"pending": list(pending), "reports": list(reports), "log": list(log)}
