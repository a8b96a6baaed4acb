"""Search over threads and posts, in Chinese.

The seam: `search_posts` is the only entry point views use. Its body is a simple matcher
(every query term must appear in the title or the post text; Chinese needs no word
boundaries for a substring match). When the shared `zhengxie.search` engine lands (bigram +
jieba tokens in FTS5 / tsvector), only `_matching_post_ids` changes to ask it for ids.
"""

from django.db.models import Q, QuerySet

from zhengxie.core.chinese import normalize_text

from .. import permissions
from ..models import Board, Post, PostStatus

MAX_RESULTS = 50  # Discuz caps results too (maxsearchresults)


def _terms(query: str) -> list[str]:
    return [t for t in normalize_text(query).split() if t][:5]


def _matching_post_ids(candidates: QuerySet, terms: list[str]) -> QuerySet:
    condition = Q()
    for term in terms:
        condition &= Q(body_text__icontains=term) | Q(thread__title__icontains=term)
    return candidates.filter(condition).values("pk")


def search_posts(*, user, query: str, committee_id: int, limit: int = MAX_RESULTS) -> list[Post]:
    """Visible posts the person may read whose thread title or text holds every term,
    newest first."""
    terms = _terms(query)
    if not terms:
        return []
    boards = Board.objects.filter(committee_id=committee_id)
    board_ids = [b.pk for b in permissions.filter_visible_boards(user, boards)]
    candidates = Post.objects.filter(
        thread__board_id__in=board_ids,
        thread__status=PostStatus.VISIBLE,
        status=PostStatus.VISIBLE,
    )
    ids = _matching_post_ids(candidates, terms)
    return list(
        Post.objects.filter(pk__in=ids)
        .select_related("thread", "thread__board", "author")
        .order_by("-created_at", "-id")[:limit]
    )
