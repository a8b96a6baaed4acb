"""New threads and replies: floors handed out under the thread's row lock, gapless."""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core import uploads

from .. import permissions, search_index
from ..models import Board, BoardKind, CreditAction, Post, PostStatus, Thread
from ..richtext import plain_text, sanitize_html
from . import contribution, credits, pages
from .limits import check_posting_limits
from .uploads import attach_images, check_post_images


def _clean_body(raw: str) -> tuple[str, str]:
    body = sanitize_html(raw or "")
    text = plain_text(body)
    if not text and "<img" not in body:
        raise ValidationError({"body": _("内容：不能为空。")})
    return body, text


def _guard_floor(
    *, user, board: Board, body: str, skip_limits: bool, uploads: int = 0
) -> tuple[str, str]:
    """What every floor written passes, new or edited, after its act's check_* (which refuses
    banned writers, closed threads and the wrong audience): the body is sanitised and not
    empty, and it counts against the posting limits (a new account's links, the flood
    interval, the hourly cap, the images it brings). Edits pass it too, or a new account would
    post plain text and edit the link in. Returns (html, text)."""
    body_html, body_text = _clean_body(body)
    if not skip_limits:
        check_posting_limits(
            user=user, committee_id=board.committee_id, raw_body=body, uploads=uploads
        )
    return body_html, body_text


def _status_for(board: Board, user) -> str:
    if board.requires_approval and not permissions.can_moderate(user, board):
        return PostStatus.PENDING
    return PostStatus.VISIBLE


def create_thread(
    *,
    user,
    board: Board,
    title: str,
    body: str,
    topic_title: str = "",
    topic: models.Model | None = None,
    images: Sequence[UploadedFile] = (),
    created_at=None,
    skip_limits: bool = False,
    byline: str = "",
    source: str = "",
) -> Thread:
    """Open a thread with its first floor (楼主). Checks the board and the posting limits.
    A news article may carry its byline and source; other boards' threads do not."""
    permissions.check_post_thread(user, board)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("标题：不能为空。")})
    checked = check_post_images(committee_id=board.committee_id, images=images)
    body_html, body_text = _guard_floor(
        user=user, board=board, body=body, skip_limits=skip_limits, uploads=len(checked)
    )
    now = created_at or timezone.now()
    status = _status_for(board, user)
    # Images are written last, inside the post's transaction, and deleted if it fails.
    with uploads.saving() as files, transaction.atomic():
        thread = Thread.objects.create(
            committee_id=board.committee_id,
            board=board,
            title=title[:120],
            author=user,
            created_at=now,
            last_post_at=now,
            status=status,
            max_floor=1,
            topic_title=topic_title[:120] if board.kind == BoardKind.DELIBERATION else "",
            topic_type=ContentType.objects.get_for_model(topic) if topic else None,
            topic_id=topic.pk if topic else None,
            byline=byline.strip()[:120] if board.kind == BoardKind.NEWS else "",
            source=source.strip()[:120] if board.kind == BoardKind.NEWS else "",
        )
        post = Post.objects.create(
            committee_id=board.committee_id,
            thread=thread,
            floor=1,
            author=user,
            body_html=body_html,
            body_text=body_text,
            created_at=now,
            status=status,
        )
        attach_images(post=post, images=checked, files=files)
        if status == PostStatus.VISIBLE:
            _on_published(post, CreditAction.THREAD)
    return thread


def reply(
    *,
    user,
    thread: Thread,
    body: str,
    images: Sequence[UploadedFile] = (),
    created_at=None,
    skip_limits: bool = False,
) -> Post:
    """Add the next floor. Locks the thread row: the next floor is max_floor + 1, and the
    unique (thread, floor) constraint is the safety net (Flarum #2612)."""
    permissions.check_reply(user, thread)
    checked = check_post_images(committee_id=thread.committee_id, images=images)
    body_html, body_text = _guard_floor(
        user=user, board=thread.board, body=body, skip_limits=skip_limits, uploads=len(checked)
    )
    status = _status_for(thread.board, user)
    # Images are written last, inside the post's transaction, and deleted if it fails.
    with uploads.saving() as files, transaction.atomic():
        locked = (
            Thread.objects.select_for_update(of=("self",)).select_related("board").get(pk=thread.pk)
        )
        # Re-checked under the lock: the thread may have been locked or moved meanwhile.
        permissions.check_reply(user, locked)
        now = created_at or timezone.now()
        post = Post.objects.create(
            committee_id=locked.committee_id,
            thread=locked,
            floor=locked.max_floor + 1,
            author=user,
            body_html=body_html,
            body_text=body_text,
            created_at=now,
            status=status,
        )
        locked.max_floor = post.floor
        fields = ["max_floor"]
        if status == PostStatus.VISIBLE:
            locked.replies += 1
            locked.last_post_at = now
            fields += ["replies", "last_post_at"]
        locked.save(update_fields=fields)
        attach_images(post=post, images=checked, files=files)
        if status == PostStatus.VISIBLE:
            _on_published(post, CreditAction.REPLY)
    thread.refresh_from_db()
    return post


def edit_post(*, user, post: Post, body: str, title: str = "") -> Post:
    """Rewrite a floor and, on the first floor, the thread's title (required there, ignored
    on replies), through the same guard as a new floor. The search index follows in the same
    transaction; the old text stays in the post's history."""
    permissions.check_edit_post(user, post)
    title = (title or "").strip()
    if post.floor == 1 and not title:
        raise ValidationError({"title": _("标题：不能为空。")})
    body_html, body_text = _guard_floor(
        user=user, board=post.thread.board, body=body, skip_limits=False
    )
    with transaction.atomic():
        thread = Thread.objects.select_for_update(of=("self",)).select_related("board")
        thread = thread.get(pk=post.thread_id)
        post = Post.objects.select_for_update().get(pk=post.pk)
        post.thread = thread
        permissions.check_edit_post(user, post)  # re-checked: it may have been moderated
        post.body_html, post.body_text = body_html, body_text
        post.save(update_fields=["body_html", "body_text"])
        if post.floor == 1 and title[:120] != thread.title:
            thread.title = title[:120]
            thread.save(update_fields=["title"])
        search_index.index_post(post=post, thread=thread)
        transaction.on_commit(lambda: pages.invalidate_thread_pages(thread))
    return post


def _on_published(post: Post, action: str) -> None:
    credits.award_credits(post=post, action=action)
    contribution.credit_member(post=post)
    search_index.index_post(post=post, thread=post.thread)
    transaction.on_commit(lambda: pages.invalidate_thread_pages(post.thread))
