"""Reads of the similar-texts engine: the most similar texts, near-duplicates of a text, and
likely duplicate pairs among a set of records."""

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from ..models import DuplicateBand, SearchDocument
from . import engine, minhash, vectors
from .cache import current_version

_indexes: dict[str, engine.SimilarIndex] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class SimilarHit:
    object_id: int
    title: str
    score: float  # cosine similarity of the weighted bigrams, 0..1
    committee_id: int | None


@dataclass(frozen=True)
class DuplicatePair:
    first_id: int
    second_id: int
    overlap: float  # Jaccard of the character 3-grams, 0..1
    score: float  # cosine of the weighted bigrams, 0..1


def similar_index(kind: str) -> engine.SimilarIndex:
    """The process's index of the kind, checked against the version counter on every call
    and against the database only when the counter moved (or was lost)."""
    version = current_version(kind)
    index = _indexes.get(kind)
    if index is not None and index.version == version:
        return index
    with _lock:
        index = _indexes.get(kind)
        index = engine.build(kind) if index is None else engine.refresh(index)
        index.version = version
        _indexes[kind] = index
    return index


def similar_documents(
    *,
    text: str,
    kind: str,
    committee_ids: Iterable[int] | None = None,
    top: int = 5,
    exclude_object_ids: Iterable[int] = (),
    min_score: float = 0.0,
) -> list[SimilarHit]:
    """The `top` texts of the kind most similar to `text`, best first."""
    index = similar_index(kind)
    found = engine.query(
        index, text, top=top, committee_ids=committee_ids, excluded=tuple(exclude_object_ids)
    )
    return [
        SimilarHit(
            object_id=int(segment.object_ids[row]),
            title=segment.titles[row],
            score=round(score, 4),
            committee_id=None
            if segment.committee_ids[row] < 0
            else int(segment.committee_ids[row]),
        )
        for score, segment, row in found
        if score > min_score
    ]


@dataclass(frozen=True)
class NearDuplicate:
    object_id: int
    title: str
    overlap: float  # Jaccard of the character 3-grams, 0..1
    committee_id: int | None


def duplicate_text(title: str, body: str) -> str:
    """The text whose 3-grams the band hashes were made of (services._bands)."""
    return f"{title}\n{body}"


def near_duplicates(
    *,
    text: str,
    kind: str,
    committee_ids: Iterable[int] | None = None,
    threshold: float = 0.5,
    exclude_object_ids: Iterable[int] = (),
) -> list[NearDuplicate]:
    """Texts sharing a MinHash band with `text`, confirmed by exact 3-gram overlap."""
    grams = minhash.shingles(text)
    documents = SearchDocument.objects.filter(
        kind=kind,
        pk__in=DuplicateBand.objects.filter(value__in=minhash.band_values(grams)).values(
            "document_id"
        ),
    ).exclude(object_id__in=list(exclude_object_ids))
    if committee_ids is not None:
        documents = documents.filter(committee_id__in=list(committee_ids))
    found = []
    for document in documents.only("object_id", "title", "body", "committee_id"):
        overlap = minhash.jaccard(
            grams, minhash.shingles(duplicate_text(document.title, document.body))
        )
        if overlap >= threshold:
            found.append(
                NearDuplicate(
                    document.object_id, document.title, round(overlap, 4), document.committee_id
                )
            )
    return sorted(found, key=lambda hit: -hit.overlap)


def _band_pairs(document_ids: list[int]) -> set[tuple[int, int]]:
    members = defaultdict(list)
    bands = DuplicateBand.objects.filter(document_id__in=document_ids).values_list(
        "value", "document_id"
    )
    for value, document_id in bands:
        members[value].append(document_id)
    return {pair for ids in members.values() for pair in combinations(sorted(set(ids)), 2)}


def duplicate_pairs(
    *, kind: str, object_ids: Iterable[int], threshold: float = 0.5, min_score: float = 0.6
) -> list[DuplicatePair]:
    """Likely duplicates among the given records: pairs whose texts overlap by `threshold`
    (3-gram Jaccard) or whose weighted bigrams have a cosine of at least `min_score`."""
    documents = list(
        SearchDocument.objects.filter(kind=kind, object_id__in=list(object_ids)).order_by("id")
    )
    if len(documents) < 2:
        return []
    position = {document.pk: n for n, document in enumerate(documents)}
    weights = similar_index(kind).weights
    matrix = vectors.weigh(
        weights, vectors.counts([vectors.document_text(d.title, d.body) for d in documents])
    )
    cosine = (matrix @ matrix.T).tocoo()
    candidates = {
        (documents[i].pk, documents[j].pk)
        for i, j, value in zip(cosine.row, cosine.col, cosine.data, strict=True)
        if i < j and value >= min_score
    } | _band_pairs(list(position))
    grams = [minhash.shingles(duplicate_text(d.title, d.body)) for d in documents]
    pairs = []
    for first, second in candidates:
        i, j = position[first], position[second]
        overlap = minhash.jaccard(grams[i], grams[j])
        score = float(matrix[i].multiply(matrix[j]).sum())
        if overlap >= threshold or score >= min_score:
            pairs.append(
                DuplicatePair(
                    documents[i].object_id,
                    documents[j].object_id,
                    round(overlap, 4),
                    round(score, 4),
                )
            )
    return sorted(pairs, key=lambda pair: (-max(pair.overlap, pair.score), pair.first_id))
