"""PostgreSQL: the stored, generated `tsv` column (migration 0002) with a GIN index.

The tsvector is stored because an expression-only index recomputes it for every phrase
recheck and rank (362 ms against under 20 ms, research/search-and-scale.md §1.2).
"""

from django.db import connection

from . import Filters, phrase


def add(documents) -> None:
    """The generated column follows the row: nothing to do."""


def drop(documents) -> None:
    """Deleting the row drops its tsvector with it."""


def tsquery(terms: list[str]) -> str:
    """to_tsquery text: each term a bigram phrase in title or body (weights A, B) or a whole
    word (C); terms ANDed. Tokens hold only Chinese characters, letters and digits."""
    parts = []
    for term in terms:
        tokens = " <-> ".join(f"'{token}':AB" for token in phrase(term))
        parts.append(f"(({tokens}) | '{term}':C)")
    return " & ".join(parts)


def match(
    terms: list[str], filters: Filters, limit: int, offset: int
) -> list[tuple[int, int, float]]:
    sql = (
        "SELECT d.id, d.object_id, ts_rank(d.tsv, q) AS score "
        "FROM search_searchdocument d, to_tsquery('simple', %s) q "
        f"WHERE d.tsv @@ q{filters.sql()} "
        "ORDER BY score DESC, d.updated_at DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery(terms), *filters.params, limit, offset])
        return [(row[0], row[1], float(row[2])) for row in cursor.fetchall()]


def match_condition(terms: list[str], filters: Filters, *, alias: str = "d") -> tuple[str, list]:
    """A condition on `d` (or `alias`) that holds when the document matches within the
    filters, unranked: no ts_rank."""
    condition = f"{alias}.tsv @@ to_tsquery('simple', %s){filters.sql()}"
    return condition, [tsquery(terms), *filters.params]


def count(terms: list[str], filters: Filters) -> int:
    sql = (
        "SELECT COUNT(*) FROM search_searchdocument d "
        f"WHERE d.tsv @@ to_tsquery('simple', %s){filters.sql()}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery(terms), *filters.params])
        return cursor.fetchone()[0]


def clear() -> None:
    """Deleting the rows clears the index."""
