"""Writes to the search index. Any app calls these for its records; the index is derived data,
so a document is replaced, never edited, and removing it is a hard delete."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from . import tokens
from .fulltext import engine
from .models import DuplicateBand, SearchDocument
from .similar import minhash
from .similar.cache import bump_version

# Set while a loader that rebuilds the whole index at its end writes its records.
_deferred: ContextVar[bool] = ContextVar("search_indexing_deferred", default=False)


@contextmanager
def indexing_deferred() -> Iterator[None]:
    """Records written inside leave the index as it is: for a loader (the demo) that rebuilds
    every kind from its source when it is done, indexing each record as it is written is work
    the rebuild throws away. Nothing that runs inside may read the index for its writes."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


@dataclass(frozen=True)
class IndexEntry:
    """What one record contributes to the index."""

    obj: models.Model
    committee_id: int | None
    kind: str
    title: str
    body: str = ""
    is_public: bool = False
    dated: date | datetime | None = None  # the record's own date; today when it has none


def _dated(value: date | datetime | None, now: datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value or timezone.localdate(now)


def _document(entry: IndexEntry, content_type: ContentType, now) -> SearchDocument:
    title, body = tokens.clean(entry.title)[:300], tokens.clean(entry.body)
    return SearchDocument(
        content_type=content_type,
        object_id=entry.obj.pk,
        committee_id=entry.committee_id,
        kind=entry.kind,
        title=title,
        body=body,
        is_public=entry.is_public,
        updated_at=now,
        dated=_dated(entry.dated, now),
        title_terms=" ".join(tokens.bigrams(title)),
        body_terms=" ".join(tokens.bigrams(body)),
        word_terms=" ".join(tokens.words(f"{title}\n{body}")),
    )


def _drop(documents: list[SearchDocument]) -> None:
    """Delete documents in chunks (SQLite caps the parameters of one statement)."""
    for start in range(0, len(documents), 1000):
        chunk = documents[start : start + 1000]
        engine().drop(chunk)
        ids = [d.pk for d in chunk]
        DuplicateBand.objects.filter(document_id__in=ids).delete()
        SearchDocument.objects.filter(pk__in=ids).delete()


def _add_bands(documents: list[SearchDocument]) -> None:
    """Raw rows: building 20 model instances per document costs more than the hashing."""
    rows = [
        (document.pk, value)
        for document in documents
        for value in minhash.band_values(minhash.shingles(f"{document.title}\n{document.body}"))
    ]
    table = DuplicateBand._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (document_id, value) VALUES (%s, %s)", rows)


def index_documents(entries: Iterable[IndexEntry], *, batch_size: int = 500) -> int:
    """Index (or re-index) many records in batches; the bulk path of reindex and imports.
    Returns how many documents were written."""
    if _deferred.get():
        return 0
    written, batch = 0, []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= batch_size:
            written += _index_batch(batch)
            batch = []
    if batch:
        written += _index_batch(batch)
    return written


def _index_batch(entries: list[IndexEntry]) -> int:
    now = timezone.now()
    types = ContentType.objects.get_for_models(*{type(entry.obj) for entry in entries})
    documents = [_document(entry, types[type(entry.obj)], now) for entry in entries]
    with transaction.atomic():
        for content_type in {d.content_type for d in documents}:
            ids = [d.object_id for d in documents if d.content_type == content_type]
            old = SearchDocument.objects.select_for_update().filter(
                content_type=content_type, object_id__in=ids
            )
            _drop(list(old))
        SearchDocument.objects.bulk_create(documents)
        engine().add(documents)
        _add_bands(documents)
        for kind in {d.kind for d in documents}:
            transaction.on_commit(lambda kind=kind: bump_version(kind))
    return len(documents)


def index_document(
    *,
    obj: models.Model,
    committee_id: int | None,
    kind: str,
    title: str,
    body: str = "",
    is_public: bool = False,
    dated: date | datetime | None = None,
) -> SearchDocument:
    """Index one record, replacing what was indexed for it before."""
    entry = IndexEntry(obj, committee_id, kind, title, body, is_public, dated)
    _index_batch([entry])
    content_type = ContentType.objects.get_for_model(obj)
    return SearchDocument.objects.get(content_type=content_type, object_id=obj.pk)


def remove_document(*, obj: models.Model) -> bool:
    """Take a record out of the index. Returns whether it was indexed."""
    if _deferred.get():
        return False
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        old = list(
            SearchDocument.objects.select_for_update().filter(
                content_type=content_type, object_id=obj.pk
            )
        )
        if not old:
            return False
        _drop(old)
        transaction.on_commit(lambda: bump_version(old[0].kind))
    return True


def mark_public(*, kind: str, object_ids: Iterable[int], is_public: bool) -> int:
    """Set the public mark of a kind's documents when what decides it changed without the
    records being written (a board opened to guests or closed to them). A guest's search walks
    only the documents marked public, so a stale mark would hide a record from guests."""
    if _deferred.get():
        return 0
    documents = SearchDocument.objects.filter(kind=kind, object_id__in=object_ids)
    changed = documents.exclude(is_public=is_public).update(is_public=is_public)
    if changed:
        transaction.on_commit(lambda: bump_version(kind))
    return changed


def clear_kind(kind: str | None = None) -> int:
    """Empty the index of one kind (or all of it) before a rebuild."""
    with transaction.atomic():
        documents = SearchDocument.objects.all()
        if kind is None:
            engine().clear()
            count = documents.count()
            DuplicateBand.objects.all().delete()
            documents.delete()
        else:
            old = list(documents.filter(kind=kind))
            count = len(old)
            _drop(old)
        transaction.on_commit(lambda: bump_version(kind))
    return count
