"""Reads of the full-text index: ranked hits with a highlighted snippet.

Callers decide what a person may read and pass it in (`committee_ids`, `public_only`); the
index itself knows nothing of roles.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

from . import tokens
from .fulltext import Filters, engine
from .models import SearchDocument

SNIPPET_CHARS = 80


@dataclass(frozen=True)
class SearchHit:
    content_type_id: int
    object_id: int
    kind: str
    committee_id: int | None
    title: str
    snippet: str
    score: float
    terms: tuple[str, ...]

    @property
    def content_type(self):
        from django.contrib.contenttypes.models import ContentType

        return ContentType.objects.get_for_id(self.content_type_id)

    def highlighted(self, text: str | None = None) -> SafeString:
        """The snippet (or another text) escaped, with every query term marked."""
        return highlight(self.snippet if text is None else text, self.terms)


def highlight(text: str, terms: Iterable[str]) -> SafeString:
    """Escape the text and wrap each occurrence of a term in <mark>."""
    marked = [False] * len(text)
    for term in terms:
        start = text.find(term)
        while term and start >= 0:
            marked[start : start + len(term)] = [True] * len(term)
            start = text.find(term, start + 1)
    parts, run_start = [], 0
    for n in range(1, len(text) + 1):
        if n == len(text) or marked[n] != marked[run_start]:
            piece = escape(text[run_start:n])
            parts.append(f"<mark>{piece}</mark>" if marked[run_start] else piece)
            run_start = n
    return format_html_join("", "{}", ((mark_safe(part),) for part in parts))


def _filters(kinds, committee_ids, public_only) -> Filters:
    return Filters(
        kinds=tuple(kinds or ()),
        committee_ids=None if committee_ids is None else tuple(committee_ids),
        public_only=public_only,
    )


def _like_match(terms, filters: Filters, limit: int, offset: int) -> list[tuple[int, int, float]]:
    """One-character terms have no bigram: scan title and body (about 100 ms per 100k rows,
    research/search-and-scale.md §1.2), title hits first."""
    where = " AND ".join("(d.title LIKE %s OR d.body LIKE %s)" for _ in terms)
    params = [f"%{term}%" for term in terms for _ in (0, 1)]
    title_hit = " + ".join("CASE WHEN d.title LIKE %s THEN 1 ELSE 0 END" for _ in terms)
    sql = (
        f"SELECT d.id, d.object_id, {title_hit} AS score FROM search_searchdocument d "
        f"WHERE {where}{filters.sql()} ORDER BY score DESC, d.updated_at DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*[f"%{t}%" for t in terms], *params, *filters.params, limit, offset])
        return [(row[0], row[1], float(row[2])) for row in cursor.fetchall()]


def snippet_of(body: str, terms: Iterable[str]) -> str:
    """A window of the body around the first query term (contentless FTS5 has no snippet())."""
    positions = [body.find(term) for term in terms if term in body]
    if not positions:
        return body[:SNIPPET_CHARS]
    start = max(min(positions) - SNIPPET_CHARS // 4, 0)
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET_CHARS < len(body) else ""
    return f"{prefix}{body[start : start + SNIPPET_CHARS]}{suffix}"


def search(
    *,
    query: str,
    kinds: Iterable[str] | None = None,
    committee_ids: Iterable[int] | None = None,
    public_only: bool = False,
    limit: int = 20,
    offset: int = 0,
) -> list[SearchHit]:
    """Documents containing every term of the query, best first. `committee_ids=None` means
    every committee; an empty collection means none."""
    terms = tokens.query_terms(query)
    if not terms:
        return []
    ranked = _ranked(terms, _filters(kinds, committee_ids, public_only), limit, offset)
    documents = SearchDocument.objects.in_bulk([doc_id for doc_id, _, _ in ranked])
    return [
        SearchHit(
            content_type_id=doc.content_type_id,
            object_id=doc.object_id,
            kind=doc.kind,
            committee_id=doc.committee_id,
            title=doc.title,
            snippet=snippet_of(doc.body, terms),
            score=round(score, 4),
            terms=tuple(terms),
        )
        for doc_id, _, score in ranked
        if (doc := documents.get(doc_id)) is not None
    ]


def _ranked(terms: list[str], filters: Filters, limit: int, offset: int) -> list[tuple]:
    if any(tokens.needs_substring_scan(term) for term in terms):
        return _like_match(terms, filters, limit, offset)
    return engine().match(terms, filters, limit, offset)


def search_object_ids(
    *,
    query: str,
    kinds: Iterable[str] | None = None,
    committee_ids: Iterable[int] | None = None,
    public_only: bool = False,
    limit: int = 5000,
) -> list[int]:
    """The ids of the matching records, best first, in one query: for filtering a list page
    by its search box without loading the texts."""
    terms = tokens.query_terms(query)
    if not terms:
        return []
    ranked = _ranked(terms, _filters(kinds, committee_ids, public_only), limit, 0)
    return [object_id for _, object_id, _ in ranked]


def filter_matching(
    records: QuerySet, *, query: str, kind: str, public_only: bool = False
) -> QuerySet:
    """The records whose document contains every term of the query, unranked, for a list that
    keeps its own order and paging (newest first by keyset, say): the list walks its rows in
    its order and looks each one's document up, so a common term stops at the first page
    instead of ranking every hit. Terms of two or more characters go through the engine's
    index, a lone character is a LIKE. A query with no term matches nothing."""
    terms = tokens.query_terms(query)
    if not terms:
        return records.none()
    meta, quote = records.model._meta, connection.ops.quote_name
    content_type = ContentType.objects.get_for_model(records.model)
    condition, params = match_condition(terms, _filters([kind], None, public_only))
    sql = (
        "EXISTS (SELECT 1 FROM search_searchdocument d WHERE d.content_type_id = %s AND "
        f"d.object_id = {quote(meta.db_table)}.{quote(meta.pk.column)} AND {condition})"
    )
    return records.filter(RawSQL(sql, [content_type.pk, *params], BooleanField()))


def match_condition(terms: list[str], filters: Filters, *, alias: str = "d") -> tuple[str, list]:
    """SQL on the alias `d` (or another name of the documents' table, with no filters) of a
    document holding every term within the filters, unranked: terms of two or more
    characters through the engine's index, a lone character a LIKE."""
    if filters.clauses and alias != "d":
        raise ValueError("the filters are written on the alias d")
    indexed = [term for term in terms if not tokens.needs_substring_scan(term)]
    scanned = [term for term in terms if tokens.needs_substring_scan(term)]
    conditions, params = [], []
    if indexed:
        condition, condition_params = engine().match_condition(indexed, filters, alias=alias)
        conditions.append(condition)
        params.extend(condition_params)
    for term in scanned:
        conditions.append(f"({alias}.title LIKE %s OR {alias}.body LIKE %s)")
        params.extend([f"%{term}%", f"%{term}%"])
    if scanned and filters.clauses:  # the engine's condition brings the filters, a LIKE not
        conditions.append(filters.sql().removeprefix(" AND "))
        params.extend(filters.params)
    return " AND ".join(conditions), params


def filter_documents(documents: QuerySet, *, query: str) -> QuerySet:
    """The documents (a SearchDocument queryset, narrowed by the caller to what the reader
    may open) holding every term of the query, unranked, for a list that keeps its own
    order. The match is a condition on the documents' own rows, not a join of the table
    with itself: PostgreSQL then reads the hits from the text index and, knowing about how
    many there are, checks a reading rule per hit or hashes the rule's whole set, whichever
    costs less (behind the self-join it planned one check per hit even for 25,000 hits)."""
    terms = tokens.query_terms(query)
    if not terms:
        return documents.none()
    table = SearchDocument._meta.db_table
    condition, params = match_condition(terms, Filters(), alias=table)
    return documents.filter(RawSQL(condition, params, BooleanField()))


def count_search(
    *,
    query: str,
    kinds: Iterable[str] | None = None,
    committee_ids: Iterable[int] | None = None,
    public_only: bool = False,
) -> int:
    """How many documents `search` would find with no limit (for paging)."""
    terms = tokens.query_terms(query)
    if not terms:
        return 0
    filters = _filters(kinds, committee_ids, public_only)
    if any(tokens.needs_substring_scan(term) for term in terms):
        return len(_like_match(terms, filters, 10**9, 0))
    return engine().count(terms, filters)
