"""Who may see and do what on which board: audiences per action, moderators, bans."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Role
from zhengxie.core.permissions import has_role, is_office

from .models import Audience, Board, ForumBan, Post, PostStatus, Thread


def audiences_of(user, board: Board) -> set[str]:
    """The audiences a person belongs to on a board; guests are exactly {guest}."""
    if not getattr(user, "is_authenticated", False):
        return {Audience.GUEST}
    found = {Audience.RESIDENT}
    if has_role(user, board.committee_id, Role.MEMBER):
        found.add(Audience.MEMBER)
    if is_office(user, board.committee_id):
        found.add(Audience.STAFF)
    return found


def _allows(user, board: Board, field: str) -> bool:
    return bool(audiences_of(user, board) & set(getattr(board, field)))


def can_view_board(user, board: Board) -> bool:
    return _allows(user, board, "view_audience") or can_moderate(user, board)


def can_post_thread(user, board: Board) -> bool:
    return _allows(user, board, "post_audience") and not is_banned(user, board.committee_id)


def can_reply(user, thread: Thread) -> bool:
    if thread.is_locked and not can_moderate(user, thread.board):
        return False
    return _allows(user, thread.board, "reply_audience") and not is_banned(
        user, thread.committee_id
    )


def can_download(user, board: Board) -> bool:
    return _allows(user, board, "download_audience") or can_moderate(user, board)


def can_moderate(user, board: Board) -> bool:
    """Staff of the board's committee and the board's own moderators."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_office(user, board.committee_id):
        return True
    cache = user.__dict__.setdefault("_zx_moderates", {})
    if board.pk not in cache:
        cache[board.pk] = board.moderators.filter(pk=user.pk).exists()
    return cache[board.pk]


def is_banned(user, committee_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    now = timezone.now()
    return (
        ForumBan.objects.filter(user=user, committee_id=committee_id, lifted=False)
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .exists()
    )


def check_view_board(user, board: Board) -> None:
    if not can_view_board(user, board):
        if not getattr(user, "is_authenticated", False):
            raise PermissionDenied(_("您需要登录才可以浏览本版块。"))
        raise PermissionDenied(_("您没有权限浏览本版块。"))


def check_post_thread(user, board: Board) -> None:
    if is_banned(user, board.committee_id):
        raise PermissionDenied(_("您已被禁言，不能发帖。"))
    if not can_post_thread(user, board):
        raise PermissionDenied(_("您没有权限在本版块发表主题。"))


def check_reply(user, thread: Thread) -> None:
    if is_banned(user, thread.committee_id):
        raise PermissionDenied(_("您已被禁言，不能回帖。"))
    if thread.is_locked and not can_moderate(user, thread.board):
        raise PermissionDenied(_("本主题已关闭，不能回复。"))
    if not can_reply(user, thread):
        raise PermissionDenied(_("您没有权限在本版块回复。"))


def can_edit_post(user, post: Post) -> bool:
    """Moderators edit any floor not deleted; authors their own visible or queued floors,
    unless the thread is closed or they are banned."""
    if not getattr(user, "is_authenticated", False) or post.status == PostStatus.DELETED:
        return False
    board = post.thread.board
    if can_moderate(user, board):
        return True
    return (
        post.author_id == user.pk
        and post.status in (PostStatus.VISIBLE, PostStatus.PENDING)
        and not post.thread.is_locked
        and not is_banned(user, board.committee_id)
    )


def check_edit_post(user, post: Post) -> None:
    if not can_edit_post(user, post):
        raise PermissionDenied(_("只有作者本人或版主可以编辑该帖子。"))


def check_moderate(user, board: Board) -> None:
    if not can_moderate(user, board):
        raise PermissionDenied(_("只有本版版主或政协机关工作人员可以管理帖子。"))


def check_view_thread(user, thread: Thread) -> None:
    """Deleted and unapproved threads do not exist for readers who may not moderate them."""
    check_view_board(user, thread.board)
    if thread.status == PostStatus.VISIBLE or can_moderate(user, thread.board):
        return
    if thread.status == PostStatus.PENDING and thread.author_id == getattr(user, "pk", None):
        return
    raise Http404


def readable_post_statuses(user, thread: Thread) -> set[str]:
    if can_moderate(user, thread.board):
        return {s.value for s in PostStatus}
    return {PostStatus.VISIBLE, PostStatus.HIDDEN, PostStatus.DELETED}


def can_see_post_body(user, post: Post, moderator: bool) -> bool:
    return (
        post.status == PostStatus.VISIBLE
        or moderator
        or (post.status == PostStatus.PENDING and post.author_id == getattr(user, "pk", None))
    )


def filter_visible_boards(user, queryset: QuerySet) -> list[Board]:
    return [board for board in queryset if can_view_board(user, board)]
