"""SQLite: a contentless FTS5 table (rowid = SearchDocument.id) over pre-tokenized text.

FTS5's trigram tokenizer is not used: it finds nothing for two-character queries, which most
Chinese words are. `unicode61` splits our space-separated bigrams and words as they are.
"""

from django.db import connection

from . import Filters, phrase

TITLE_WEIGHT, BODY_WEIGHT, WORDS_WEIGHT = 10.0, 1.0, 2.0


def add(rows: list[tuple[int, str, str, str]]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, body, words) VALUES (%s, %s, %s, %s)", rows
        )


def drop(rows: list[tuple[int, str, str, str]]) -> None:
    """A contentless table deletes a row given the exact tokens it was indexed with."""
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_fts (search_fts, rowid, title, body, words) "
            "VALUES ('delete', %s, %s, %s, %s)",
            rows,
        )


def match_expression(terms: list[str]) -> str:
    """Each term as a bigram phrase in title or body, or as a whole word; terms ANDed.

    Tokens hold only Chinese characters, Latin letters and digits, so quoting is safe."""
    parts = []
    for term in terms:
        tokens = " ".join(phrase(term))
        parts.append(f'({{title body}} : "{tokens}" OR words : "{term}")')
    return " AND ".join(parts)


# CROSS JOIN keeps the full-text lookup as the outer loop: with a plain JOIN the planner may
# walk the documents of a kind and run the MATCH once per document.
def match(
    terms: list[str], filters: Filters, limit: int, offset: int
) -> list[tuple[int, int, float]]:
    sql = (
        "SELECT d.id, d.object_id, -bm25(search_fts, %s, %s, %s) AS score FROM search_fts "
        "CROSS JOIN search_searchdocument d ON d.id = search_fts.rowid "
        f"WHERE search_fts MATCH %s{filters.sql()} "
        "ORDER BY score DESC, d.updated_at DESC LIMIT %s OFFSET %s"
    )
    params = [TITLE_WEIGHT, BODY_WEIGHT, WORDS_WEIGHT, match_expression(terms)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *filters.params, limit, offset])
        return [(row[0], row[1], float(row[2])) for row in cursor.fetchall()]


def count(terms: list[str], filters: Filters) -> int:
    sql = (
        "SELECT COUNT(*) FROM search_fts CROSS JOIN search_searchdocument d "
        f"ON d.id = search_fts.rowid WHERE search_fts MATCH %s{filters.sql()}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match_expression(terms), *filters.params])
        return cursor.fetchone()[0]


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
