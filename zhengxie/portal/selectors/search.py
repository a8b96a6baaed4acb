"""Search over threads and posts, in Chinese, through the shared full-text index.

The index holds only visible floors (see ..search_index); it knows committees and whether a
guest may read a board, not the audiences of each board, so the hits are narrowed here by
`permissions.filter_visible_posts`, against the live rows, in one query.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.safestring import SafeString

from zhengxie.search.selectors import SearchHit, highlight, search, snippet_of

from .. import permissions
from ..models import Post
from ..search_index import KINDS, POST_KIND, THREAD_KIND

MAX_RESULTS = 50  # Discuz caps results too (maxsearchresults)
# Hits fetched before the board filter: room for hits in boards this reader may not see.
CANDIDATES = 200


@dataclass(frozen=True)
class PostResult:
    post: Post
    hit: SearchHit

    @property
    def title_html(self) -> SafeString:
        return highlight(self.post.thread.title, self.hit.terms)

    @property
    def snippet_html(self) -> SafeString:
        return highlight(snippet_of(self.post.body_text, self.hit.terms), self.hit.terms)


def _posts_of(user, hits: list[SearchHit]) -> dict[tuple[str, int], Post]:
    thread_ids = [h.object_id for h in hits if h.kind == THREAD_KIND]
    post_ids = [h.object_id for h in hits if h.kind != THREAD_KIND]
    query = Post.objects.filter(Q(pk__in=post_ids) | Q(thread_id__in=thread_ids, floor=1))
    posts = permissions.filter_visible_posts(user, query).select_related(
        "thread", "thread__board", "author"
    )
    return {(THREAD_KIND, p.thread_id) if p.floor == 1 else (POST_KIND, p.pk): p for p in posts}


def search_posts(
    *, user, query: str, committee_id: int, limit: int = MAX_RESULTS
) -> list[PostResult]:
    """Visible posts the person may read whose thread title and text hold every term of the
    query, best first (title hits, then whole words, rank higher)."""
    if not query.strip():
        return []
    hits = search(
        query=query,
        kinds=KINDS,
        committee_ids=[committee_id],
        public_only=not getattr(user, "is_authenticated", False),
        limit=CANDIDATES,
    )
    posts = _posts_of(user, hits)
    found = [
        PostResult(posts[key], hit) for hit in hits if (key := (hit.kind, hit.object_id)) in posts
    ]
    return found[:limit]
