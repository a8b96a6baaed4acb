"""Who may see and do what on which board: audiences per action, moderators, bans.

Whether a reader may open a board is decided once, by `can_view_board`; every listing of
threads or floors (profiles, search, the home page's blocks, board pages) narrows its queryset
with `filter_visible_threads` / `filter_visible_posts`, which apply that same rule to every
board at once. A listing that skips them would show members-only titles to guests, so the
portal's listing selectors all take the reader as an argument and call one of them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role
from zhengxie.core.permissions import has_role, is_office
from zhengxie.core.selectors import get_home_committee
from zhengxie.core.workflow import Who

from .models import Audience, Board, ForumBan, Post, PostStatus, Report, Thread


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
    return _allows(user, board, "post_audience") and not is_banned(user, board)


def can_reply(user, thread: Thread) -> bool:
    if thread.is_locked and not can_moderate(user, thread.board):
        return False
    return _allows(user, thread.board, "reply_audience") and not is_banned(user, thread.board)


def can_download(user, board: Board) -> bool:
    return _allows(user, board, "download_audience") or can_moderate(user, board)


def moderated_board_ids(user) -> set[int]:
    """The boards a person is a named moderator of, read once per request (kept on the user).

    Asked through hasattr, as grants_of asks: request.user is a lazy wrapper whose own
    __dict__ never holds what is set on the person behind it, so a look into it read the
    moderators again at every permission check of the page."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not hasattr(user, "_zx_moderates"):
        through = Board.moderators.through.objects.filter(user_id=user.pk)
        user._zx_moderates = set(through.values_list("board_id", flat=True))
    return user._zx_moderates


def can_open_moderation_queue(user) -> bool:
    """The portal's queue is the home committee's: its staff and its boards' moderators."""
    if not getattr(user, "is_authenticated", False):
        return False
    committee = get_home_committee()
    if committee is None:
        return False
    return (
        is_office(user, committee)
        or Board.objects.filter(committee=committee, pk__in=moderated_board_ids(user)).exists()
    )


def check_open_moderation_queue(user) -> None:
    if not can_open_moderation_queue(user):
        raise PermissionDenied(_("只有版主或政协机关工作人员可以查看审核队列。"))


def can_moderate(user, board: Board) -> bool:
    """Staff of the board's committee and the board's own moderators."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_office(user, board.committee_id) or board.pk in moderated_board_ids(user)


def board_of(record: Post | Thread | Report) -> Board:
    """The board whose moderators act on a floor, a thread or a report of a floor."""
    if isinstance(record, Report):
        return record.post.thread.board
    if isinstance(record, Post):
        return record.thread.board
    return record.board


# Who moves floors, threads and reports through their workflows, and overrides them.
MODERATOR = Who(
    "moderator",
    gettext_lazy("本版版主或政协机关工作人员"),
    lambda user, record: can_moderate(user, board_of(record)),
)


def is_banned(user, board: Board) -> bool:
    """Whether a live ban covers the board: one on the board itself or a committee-wide one."""
    if not getattr(user, "is_authenticated", False):
        return False
    now = timezone.now()
    return (
        ForumBan.objects.filter(user=user, committee_id=board.committee_id, lifted=False)
        .filter(Q(board__isnull=True) | Q(board=board))
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .exists()
    )


def check_ban_from_board(actor, board: Board, user) -> None:
    """Moderators ban within the boards they moderate, and never someone who moderates the
    board too (a co-moderator or staff): only staff act on those."""
    check_moderate(actor, board)
    if can_moderate(user, board) and not is_office(actor, board.committee_id):
        raise PermissionDenied(_("版主不能禁言本版其他版主或政协机关工作人员。"))


def check_ban_from_forum(actor, committee_id: int) -> None:
    """A ban from every board reaches past any moderator's boards: staff only."""
    if not is_office(actor, committee_id):
        raise PermissionDenied(_("只有政协机关工作人员可以全站禁言。"))


def check_view_board(user, board: Board) -> None:
    if not can_view_board(user, board):
        if not getattr(user, "is_authenticated", False):
            raise PermissionDenied(_("您需要登录才可以浏览本版块。"))
        raise PermissionDenied(_("您没有权限浏览本版块。"))


def check_not_banned(user, board: Board) -> None:
    """The one ban check of every write of a floor, new or edited, by anyone (moderators
    too): each check_* of a write below starts with it."""
    if is_banned(user, board):
        raise PermissionDenied(_("您已被禁言，不能发帖、回帖或修改帖子。"))


def check_post_thread(user, board: Board) -> None:
    check_not_banned(user, board)
    if not _allows(user, board, "post_audience"):
        raise PermissionDenied(_("您没有权限在本版块发表主题。"))


def check_reply(user, thread: Thread) -> None:
    check_not_banned(user, thread.board)
    if thread.is_locked and not can_moderate(user, thread.board):
        raise PermissionDenied(_("本主题已关闭，不能回复。"))
    if not _allows(user, thread.board, "reply_audience"):
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
        and not is_banned(user, board)
    )


def check_edit_post(user, post: Post) -> None:
    check_not_banned(user, post.thread.board)
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


def visible_board_ids(user) -> list[int]:
    """Every board, of any committee, the reader may open. Boards are a few dozen rows set up
    by staff, so reading them all is cheaper than joining audiences into each listing."""
    boards = Board.objects.only("id", "committee_id", "view_audience").order_by()
    return [board.pk for board in filter_visible_boards(user, boards)]


def filter_visible_threads(user, queryset: QuerySet) -> QuerySet:
    """Published threads on boards the reader may open: what any listing of threads shows."""
    return queryset.filter(status=PostStatus.VISIBLE, board_id__in=visible_board_ids(user))


def filter_visible_posts(user, queryset: QuerySet) -> QuerySet:
    """Published floors of published threads on boards the reader may open."""
    return queryset.filter(
        status=PostStatus.VISIBLE,
        thread__status=PostStatus.VISIBLE,
        thread__board_id__in=visible_board_ids(user),
    )
