"""Threads and posts in the shared Chinese full-text index (read by `manage.py reindex_search`).

A thread's document is its title and first floor; every visible reply is a document of its
own under the thread's title, so a query may name the topic and a word of the reply. Only what
every reader of the board sees is indexed: pending, hidden and deleted floors, and all floors
of a thread that is not visible, stay out. Guests' visibility of the board is `is_public`.
An exhibition of the culture hall (文史馆) is one document with its items' texts.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.permissions import office_committee_ids
from zhengxie.search.models import SearchDocument
from zhengxie.search.services import IndexEntry, index_documents, remove_document
from zhengxie.search.sources import SearchKind, SearchSource, url_by_pk

from .models import Audience, Board, Exhibition, Post, PostStatus, Thread
from .permissions import filter_visible_posts, filter_visible_threads

THREAD_KIND = "thread"
POST_KIND = "post"
KINDS = (THREAD_KIND, POST_KIND)
EXHIBITION_KIND = "exhibition"


def is_public(board: Board) -> bool:
    return Audience.GUEST in board.view_audience


def thread_entry(thread: Thread, first: Post) -> IndexEntry:
    body = "\n".join(text for text in (first.body_text, thread.topic_title) if text)
    return IndexEntry(
        obj=thread,
        committee_id=thread.committee_id,
        kind=THREAD_KIND,
        title=thread.title,
        body=body,
        is_public=is_public(thread.board),
        dated=thread.created_at,
    )


def post_entry(post: Post, thread: Thread) -> IndexEntry:
    return IndexEntry(
        obj=post,
        committee_id=post.committee_id,
        kind=POST_KIND,
        title=thread.title,
        body=post.body_text,
        is_public=is_public(thread.board),
        dated=post.created_at,
    )


def _entries(thread: Thread, posts: list[Post]) -> list[IndexEntry]:
    if thread.status != PostStatus.VISIBLE:
        return []
    return [
        thread_entry(thread, p) if p.floor == 1 else post_entry(p, thread)
        for p in posts
        if p.status == PostStatus.VISIBLE
    ]


def _indexed_post_ids(post_ids: list[int]) -> set[int]:
    content_type = ContentType.objects.get_for_model(Post)
    return set(
        SearchDocument.objects.filter(
            content_type=content_type, object_id__in=post_ids
        ).values_list("object_id", flat=True)
    )


def index_thread(*, thread: Thread, changed: Post | None = None) -> None:
    """Bring the thread and all its floors in line with what readers see. Call inside the
    transaction that created, moved, retitled or re-statused it. `changed` is a floor whose
    new status is not saved yet (a moderation step saves the floor after its effects)."""
    posts = list(
        Post.objects.filter(thread=thread).only(
            "id", "floor", "status", "body_text", "committee", "created_at"
        )
    )
    if changed is not None:
        posts = [changed if post.pk == changed.pk else post for post in posts]
    entries = _entries(thread, posts)
    index_documents(entries)
    kept = {entry.obj.pk for entry in entries if entry.kind == POST_KIND}
    if not any(entry.kind == THREAD_KIND for entry in entries):
        remove_document(obj=thread)
    stale = _indexed_post_ids([p.pk for p in posts if p.floor > 1 and p.pk not in kept])
    for post in posts:
        if post.pk in stale:
            remove_document(obj=post)


def index_post(*, post: Post, thread: Thread) -> None:
    """(Re)index or drop one floor after it was written, approved, hidden or deleted; the
    first floor stands for its thread."""
    if post.floor == 1:
        index_thread(thread=thread, changed=post)
    elif post.status == PostStatus.VISIBLE and thread.status == PostStatus.VISIBLE:
        index_documents([post_entry(post, thread)])
    else:
        remove_document(obj=post)


def _visible_floors(**floor):
    return (
        Post.objects.filter(status=PostStatus.VISIBLE, thread__status=PostStatus.VISIBLE, **floor)
        .select_related("thread", "thread__board")
        .order_by("id")
        .iterator(chunk_size=2000)
    )


def _thread_entries():
    return (thread_entry(post.thread, post) for post in _visible_floors(floor=1))


def _post_entries():
    return (post_entry(post, post.thread) for post in _visible_floors(floor__gt=1))


def exhibition_entry(exhibition: Exhibition) -> IndexEntry:
    items = [
        text
        for item in exhibition.items.all()
        for text in (item.title, item.caption, item.description, item.period)
        if text
    ]
    return IndexEntry(
        obj=exhibition,
        committee_id=exhibition.committee_id,
        kind=EXHIBITION_KIND,
        title=exhibition.title,
        body="\n".join([exhibition.period, exhibition.summary, *items]),
        is_public=exhibition.is_published,
    )


def index_exhibition(exhibition: Exhibition) -> None:
    """After an exhibition or one of its items is saved: the whole hall page is one document."""
    exhibition = Exhibition.objects.prefetch_related("items").get(pk=exhibition.pk)
    index_documents([exhibition_entry(exhibition)])


def _exhibition_entries():
    exhibitions = Exhibition.objects.prefetch_related("items").order_by("id")
    return (exhibition_entry(e) for e in exhibitions)


def visible_exhibitions(user):
    """Published exhibitions for anyone, drafts for their committee's office (the hall's
    rule, permissions.can_see_exhibition)."""
    drafts = Q(committee_id__in=office_committee_ids(user)) if user.is_authenticated else Q()
    if not drafts:
        return Exhibition.objects.filter(is_published=True)
    return Exhibition.objects.filter(Q(is_published=True) | drafts)


def post_urls(user, ids: list[int]) -> dict[int, str]:
    rows = Post.objects.filter(pk__in=ids).values_list("pk", "thread_id")
    return {pk: reverse("portal:thread", args=[thread_id]) for pk, thread_id in rows}


SEARCH_SOURCES = [
    SearchSource(THREAD_KIND, _thread_entries),
    SearchSource(POST_KIND, _post_entries),
    SearchSource(EXHIBITION_KIND, _exhibition_entries),
]
SEARCH_KINDS = [
    SearchKind(
        THREAD_KIND,
        _("论坛主题"),
        lambda user: filter_visible_threads(user, Thread.objects.all()),
        url_by_pk("portal:thread"),
    ),
    SearchKind(
        POST_KIND,
        _("论坛回帖"),
        lambda user: filter_visible_posts(user, Post.objects.all()),
        post_urls,
    ),
    SearchKind(EXHIBITION_KIND, _("文史馆"), visible_exhibitions, url_by_pk("portal:exhibition")),
]
