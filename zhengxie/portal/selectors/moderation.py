"""The moderation queue and log, limited to the boards a person moderates."""

from django.db.models import Q

from zhengxie.core.models import Committee
from zhengxie.core.permissions import is_office

from .. import permissions
from ..models import Board, ModerationAction, Post, PostStatus, Report, ReportStatus


def moderated_boards(user, committee_id: int) -> list[Board]:
    """The committee's boards where the person may act as moderator (every one for staff)."""
    boards = Board.objects.filter(committee_id=committee_id)
    return [board for board in boards if permissions.can_moderate(user, board)]


def moderated_board_ids(user, committee: Committee) -> list[int]:
    return [board.pk for board in moderated_boards(user, committee.pk)]


def get_queue(user, committee: Committee) -> dict:
    board_ids = moderated_board_ids(user, committee)
    pending = (
        Post.objects.filter(thread__board_id__in=board_ids, status=PostStatus.PENDING)
        .select_related("thread", "thread__board", "author")
        .order_by("created_at")[:100]
    )
    reports = (
        Report.objects.filter(post__thread__board_id__in=board_ids, status=ReportStatus.OPEN)
        .select_related("post__thread__board", "post__author", "reporter")
        .order_by("created_at")[:100]
    )
    log = ModerationAction.objects.filter(committee=committee)
    if not is_office(user, committee):
        # A moderator's view ends at their boards too: other boards' acts and reasons, and
        # staff's forum-wide bans, are staff's to read; their own bans stay in view.
        log = log.filter(Q(thread__board_id__in=board_ids) | Q(actor=user))
    log = log.select_related("actor", "thread", "target_user")[:50]
    return {"pending": list(pending), "reports": list(reports), "log": list(log)}
