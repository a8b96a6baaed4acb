"""The in-process similar-texts index of one kind, built from SearchDocument rows.

Queries go through the transposed (inverted) matrix, so a query costs the postings of its own
bigrams, not a pass over every text. Changes since the base build go to a small delta segment;
the base is rebuilt when the delta or the deleted rows pass a fifth of it.
"""

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Max
from scipy import sparse

from ..models import SearchDocument
from . import vectors

REBUILD_SHARE = 0.2
# Writers stamp updated_at before they commit: rows that commit late are caught by reading
# back this far before the newest stamp the base has seen.
COMMIT_MARGIN = dt.timedelta(minutes=2)


@dataclass
class Segment:
    doc_ids: np.ndarray
    object_ids: np.ndarray
    committee_ids: np.ndarray
    titles: list[str]
    inverted: sparse.csr_matrix  # features x documents
    alive: np.ndarray


@dataclass
class SimilarIndex:
    kind: str
    weights: object
    base: Segment
    delta: Segment
    built_at: dt.datetime | None
    stamp: tuple
    version: tuple | None = None

    @property
    def segments(self) -> tuple[Segment, Segment]:
        return self.base, self.delta

    @property
    def size(self) -> int:
        return int(sum(segment.alive.sum() for segment in self.segments))


def stamp_of(kind: str) -> tuple:
    """What the database holds for the kind, cheaply: row count and newest write."""
    figures = SearchDocument.objects.filter(kind=kind).aggregate(
        n=Count("id"), at=Max("updated_at")
    )
    return figures["n"], figures["at"]


def _rows(queryset) -> list[tuple]:
    fields = ("id", "object_id", "committee_id", "title", "body")
    return list(queryset.values_list(*fields).order_by("id").iterator(chunk_size=5000))


def _texts(rows: list[tuple]) -> list[str]:
    return [vectors.document_text(row[3], row[4]) for row in rows]


def _segment(rows: list[tuple], weighted: sparse.csr_matrix) -> Segment:
    return Segment(
        doc_ids=np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows)),
        object_ids=np.fromiter((row[1] for row in rows), dtype=np.int64, count=len(rows)),
        committee_ids=np.fromiter(
            (row[2] if row[2] is not None else -1 for row in rows), dtype=np.int64, count=len(rows)
        ),
        titles=[row[3] for row in rows],
        inverted=weighted.T.tocsr(),
        alive=np.ones(len(rows), dtype=bool),
    )


def _empty() -> Segment:
    return _segment([], sparse.csr_matrix((0, vectors.N_FEATURES), dtype=np.float32))


def build(kind: str) -> SimilarIndex:
    """Read every document of the kind and weigh the bigrams by their IDF over them."""
    stamp = stamp_of(kind)
    return build_from_rows(kind, _rows(SearchDocument.objects.filter(kind=kind)), stamp)


def build_from_rows(kind: str, rows: list[tuple], stamp: tuple = (0, None)) -> SimilarIndex:
    """An index of (id, object_id, committee_id, title, body) rows; `stamp` is what the
    database held when they were read."""
    if not rows:
        return SimilarIndex(kind, None, _empty(), _empty(), None, stamp)
    matrix = vectors.counts(_texts(rows))
    weights = vectors.fit_weights(matrix)
    base = _segment(rows, vectors.weigh(weights, matrix))
    return SimilarIndex(kind, weights, base, _empty(), stamp[1], stamp)


def refresh(index: SimilarIndex) -> SimilarIndex:
    """Bring the index up to the database: a new delta segment, or a rebuild when large."""
    stamp = stamp_of(index.kind)
    if stamp == index.stamp:
        return index
    if index.weights is None or index.built_at is None:
        return build(index.kind)
    documents = SearchDocument.objects.filter(kind=index.kind)
    changed = _rows(documents.filter(updated_at__gt=index.built_at - COMMIT_MARGIN))
    live = np.fromiter(documents.values_list("id", flat=True).iterator(), dtype=np.int64)
    base = index.base
    alive = np.isin(base.doc_ids, live) & ~np.isin(base.doc_ids, [row[0] for row in changed])
    if len(changed) + (~alive).sum() > REBUILD_SHARE * max(len(base.doc_ids), 1):
        return build(index.kind)
    base = Segment(**{**base.__dict__, "alive": alive})
    delta = _empty()
    if changed:
        delta = _segment(changed, vectors.weigh(index.weights, vectors.counts(_texts(changed))))
    return SimilarIndex(index.kind, index.weights, base, delta, index.built_at, stamp)


def _top_of(segment: Segment, query, top, committee_ids, excluded) -> list[tuple[float, int]]:
    """Sum the postings of the query's bigrams into one dense score per text (a matrix-vector
    product over the query's rows of the inverted matrix), then take the top of the allowed."""
    if not len(segment.doc_ids):
        return []
    postings = segment.inverted[query.indices]
    scores = postings.T @ query.data
    allowed = segment.alive
    if committee_ids is not None:
        allowed = allowed & np.isin(segment.committee_ids, committee_ids)
    if len(excluded):
        allowed = allowed & ~np.isin(segment.object_ids, excluded)
    scores = np.where(allowed, scores, 0.0)
    best = np.argpartition(-scores, top)[:top] if len(scores) > top else np.arange(len(scores))
    return [(float(scores[row]), int(row)) for row in best if scores[row] > 0]


def query(index: SimilarIndex, text: str, *, top: int, committee_ids=None, excluded=()) -> list:
    """The top texts by cosine similarity: [(score, segment, row)] best first."""
    if index.weights is None or not text.strip():
        return []
    vector = vectors.weigh(index.weights, vectors.counts([text]))
    allowed = None if committee_ids is None else np.asarray(list(committee_ids), dtype=np.int64)
    skip = np.asarray(list(excluded), dtype=np.int64)
    found = []
    for segment in index.segments:
        for score, row in _top_of(segment, vector, top, allowed, skip):
            found.append((score, segment, row))
    found.sort(key=lambda item: -item[0])
    return found[:top]
