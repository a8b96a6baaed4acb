"""Boards, thread lists and the thread page, with views = stored + buffered."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from zhengxie.core.models import Committee
from zhengxie.core.selectors import get_home_committee

from .. import permissions
from ..models import Attachment, Board, BoardGroup, Post, Thread
from ..rules import POSTS_PER_PAGE, THREADS_PER_PAGE, credit_level
from ..services.views_counter import pending_views


def total_views(threads: list[Thread]) -> None:
    """Sets `shown_views` on each thread: stored + buffered, never below the replies."""
    pending = pending_views([t.pk for t in threads])
    for thread in threads:
        thread.shown_views = max(thread.views + pending.get(thread.pk, 0), thread.replies)


def visible_threads(reader, **lookups) -> QuerySet:
    """The threads the reader may open among those matching the lookups."""
    query = Thread.objects.filter(**lookups).select_related("board", "author")
    return permissions.filter_visible_threads(reader, query)


def get_portal_committee() -> Committee:
    """The committee whose portal the site serves; 404 before one is set up."""
    committee = get_home_committee()
    if committee is None:
        raise Http404
    return committee


def get_visible_board(user, pk: int) -> Board:
    """The board, if the reader may open it (PermissionDenied otherwise, as on its page)."""
    board = get_object_or_404(Board.objects.select_related("group", "committee"), pk=pk)
    permissions.check_view_board(user, board)
    return board


def get_visible_thread(user, pk: int) -> Thread:
    """The thread, if the reader may open it: its board's audience, and unpublished threads
    only for their moderators (and a pending one for its author)."""
    thread = get_object_or_404(Thread.objects.select_related("board", "author"), pk=pk)
    permissions.check_view_thread(user, thread)
    return thread


def board_threads(reader, board: Board) -> QuerySet:
    """The board's published threads, for a keyset over (-is_pinned, -last_post_at, -id);
    the page's views are filled in by total_views."""
    return visible_threads(reader, board=board)


def list_board_groups(user, committee: Committee) -> list[BoardGroup]:
    boards = Board.objects.filter(committee=committee).select_related("group")
    visible = permissions.filter_visible_boards(user, boards)
    groups: dict[int, BoardGroup] = {}
    for board in visible:
        group = groups.setdefault(board.group_id, board.group)
        group.__dict__.setdefault("visible_boards", []).append(board)
    return list(groups.values())


def list_board_threads(reader, board: Board, *, page: int) -> tuple[list[Thread], bool]:
    start = (page - 1) * THREADS_PER_PAGE
    rows = list(
        visible_threads(reader, board=board).order_by("-is_pinned", "-last_post_at", "-id")[
            start : start + THREADS_PER_PAGE + 1
        ]
    )
    more = len(rows) > THREADS_PER_PAGE
    rows = rows[:THREADS_PER_PAGE]
    total_views(rows)
    return rows, more


def latest_threads(reader, committee: Committee, *, kind: str | None = None, limit: int = 10):
    lookups = {"board__kind": kind} if kind else {}
    query = visible_threads(reader, committee=committee, **lookups)
    rows = list(query.order_by("-created_at", "-id")[:limit])
    total_views(rows)
    return rows


@dataclass
class ThreadPage:
    thread: Thread
    posts: list[Post]
    after: int
    next_after: int | None
    page: int
    pages: int
    author_only: int | None
    moderator: bool


def _posts_query(thread: Thread, statuses: set[str]) -> QuerySet:
    return (
        Post.objects.filter(thread=thread, status__in=statuses)
        .select_related("author", "author__forum_balance", "author__member__committee")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
        .order_by("floor")
    )


def get_thread_page(user, thread: Thread, *, after: int, author_only: int | None) -> ThreadPage:
    """A page of floors by keyset: floor > after, never OFFSET (Discuz X2.5's position range).
    Without an author filter, floors are gapless, so page N starts after floor (N-1)*size."""
    moderator = permissions.can_moderate(user, thread.board)
    query = _posts_query(thread, permissions.readable_post_statuses(user, thread))
    if author_only:
        query = query.filter(author_id=author_only)
    rows = list(query.filter(floor__gt=after)[: POSTS_PER_PAGE + 1])
    more = len(rows) > POSTS_PER_PAGE
    posts = rows[:POSTS_PER_PAGE]
    for post in posts:
        _decorate(user, post, moderator)
    total_views([thread])
    return ThreadPage(
        thread=thread,
        posts=posts,
        after=after,
        next_after=posts[-1].floor if more and posts else None,
        page=after // POSTS_PER_PAGE + 1,
        pages=max(1, -(-thread.max_floor // POSTS_PER_PAGE)),
        author_only=author_only,
        moderator=moderator,
    )


def _decorate(user, post: Post, moderator: bool) -> None:
    post.show_body = permissions.can_see_post_body(user, post, moderator)
    balance = getattr(post.author, "forum_balance", None)
    post.author_credits = balance.total if balance else 0
    post.author_level = credit_level(post.committee_id, post.author_credits)
    member = getattr(post.author, "member", None)
    post.author_title = (
        (member.public_title or f"{member.committee.display_name}委员") if member else ""
    )
