"""SQLite: a contentless FTS5 table (rowid = SearchDocument.id) over pre-tokenized text.

FTS5's trigram tokenizer is not used: it finds nothing for two-character queries, which most
Chinese words are. `unicode61` splits our space-separated bigrams as they are. Kind,
committee and publicity are tokens of a `scope` column, so a query filters and ranks inside
FTS5 (`ORDER BY rank LIMIT n`) and joins only the page of hits it returns.
"""

import re

from django.db import connection

from . import Filters, phrase


def _kind_token(kind: str) -> str:
    return "k" + re.sub(r"[^a-z0-9]", "", kind.lower())


def _scope(document) -> str:
    public = "pub1" if document.is_public else "pub0"
    return f"{_kind_token(document.kind)} c{document.committee_id or 0} {public}"


def add(documents) -> None:
    rows = [(d.pk, d.title_terms, d.body_terms, _scope(d)) for d in documents]
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, body, scope) VALUES (%s, %s, %s, %s)", rows
        )


def drop(documents) -> None:
    """A contentless table deletes a row given the exact tokens it was indexed with."""
    rows = [(d.pk, d.title_terms, d.body_terms, _scope(d)) for d in documents]
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_fts (search_fts, rowid, title, body, scope) "
            "VALUES ('delete', %s, %s, %s, %s)",
            rows,
        )


def match_expression(terms: list[str], filters: Filters) -> str | None:
    """Each term as a bigram phrase in title or body, ANDed with the scope; None when the
    scope admits nothing. Tokens hold only Chinese characters, letters and digits."""
    parts = [f'{{title body}} : "{" ".join(phrase(term))}"' for term in terms]
    if filters.kinds:
        parts.append(f"scope : ({' OR '.join(_kind_token(k) for k in filters.kinds)})")
    if filters.committee_ids is not None:
        if not filters.committee_ids:
            return None
        parts.append(f"scope : ({' OR '.join(f'c{c}' for c in filters.committee_ids)})")
    if filters.public_only:
        parts.append("scope : pub1")
    return " AND ".join(parts)


def match(terms: list[str], filters: Filters, limit: int, offset: int) -> list[tuple]:
    expression = match_expression(terms, filters)
    if expression is None:
        return []
    sql = (
        "SELECT f.rowid, d.object_id, f.score FROM ("
        "SELECT rowid, -rank AS score FROM search_fts WHERE search_fts MATCH %s "
        "ORDER BY rank LIMIT %s OFFSET %s) f "
        "JOIN search_searchdocument d ON d.id = f.rowid ORDER BY f.score DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, limit, offset])
        return [(row[0], row[1], float(row[2])) for row in cursor.fetchall()]


def match_condition(terms: list[str], filters: Filters, *, alias: str = "d") -> tuple[str, list]:
    """A condition on `d` (or `alias`) that holds when the document matches within the
    filters, unranked: FTS5 merges the phrases' doclists once into a list of rowids (the
    scope tokens, in every document of a kind, would cost more to merge than the filters
    cost on `d`)."""
    expression = match_expression(terms, Filters())
    sql = f"{alias}.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s){filters.sql()}"
    return sql, [expression, *filters.params]


def count(terms: list[str], filters: Filters) -> int:
    expression = match_expression(terms, filters)
    if expression is None:
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s", [expression])
        return cursor.fetchone()[0]


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
