"""The search over everything (全站搜索): one list of every kind of record in the shared index,
newest first, with facets by kind, committee and year.

What a person may open is decided by each app (its SEARCH_KINDS in search_index.py, which
call the app's own filter_visible_* rules): each hit is checked against its kind's rule inside
the same statement as the text match, so a hit the reader may not open is never read, let
alone counted in a facet. The list is unranked and paged by keyset on (date, id),
so a page costs the same at any depth and a common word stops early: the facets count the
newest FACET_LIMIT hits and say when there were more. The query count is fixed (the newest
hits, the page's documents by key or a page past them, the committees' names, a page's
links per kind).
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from operator import attrgetter

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils.safestring import SafeString

from zhengxie.core.models import Committee

from . import tokens
from .models import SearchDocument
from .selectors import filter_documents, highlight, snippet_of
from .sources import SearchKind, all_kinds

PAGE_SIZE = 20
MAX_QUERY_CHARS = 100
# The facets count the newest hits up to this many. A common word holds most of the index,
# and checking every hit's reading rule to count it cost seconds at a province's scale;
# from this many on the counts are said to be lower bounds ("1000+"), never shown as exact.
FACET_LIMIT = 1000


@dataclass(frozen=True)
class EverythingQuery:
    text: str
    kind: str = ""
    committee_id: int | None = None
    year: int | None = None
    after: str = ""  # the cursor of the last hit of the previous page


@dataclass(frozen=True)
class Result:
    kind: str
    kind_label: str
    object_id: int
    committee_name: str
    dated: dt.date
    url: str
    title_html: SafeString
    snippet_html: SafeString


@dataclass(frozen=True)
class Facet:
    value: str  # what the filter takes: a kind, a committee id, a year
    label: str
    count: int


@dataclass(frozen=True)
class EverythingPage:
    results: list[Result]
    next_cursor: str  # "" on the last page
    kinds: list[Facet]
    committees: list[Facet]
    years: list[Facet]
    # The facets counted only the newest `counted` hits: each count is "at least".
    counts_are_lower_bounds: bool = False
    counted: int = 0  # how many hits the facets counted


def cursor_of(document: SearchDocument) -> str:
    return f"{document.dated.isoformat()}.{document.pk}"


def _position(cursor: str) -> tuple[dt.date, int] | None:
    """The (date, id) a cursor stands for; None for a mangled one, which starts from the
    first page."""
    try:
        day, pk = cursor.split(".")
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def _after(documents: QuerySet, cursor: str) -> QuerySet:
    position = _position(cursor)
    if position is None:
        return documents
    when, pk = position
    return documents.filter(Q(dated__lt=when) | Q(dated=when, pk__lt=pk))


def readable_documents(user, kinds: list[SearchKind]) -> QuerySet:
    """The documents the person may open: each one's record passes its kind's rule.

    The rule is a correlated EXISTS on the record's key, so the text match (and a facet's
    narrowing) picks the rows and the rule is read once per hit. As `object_id IN (the
    kind's readable ids)` the database built every kind's whole readable set first: at a
    province's scale, tens of thousands of ids for a word with a handful of hits. PostgreSQL
    still hashes a kind's set when the text index promises many hits (it plans the EXISTS
    both ways, selectors.filter_documents); a kind the person reads nothing of is left out
    of the statement."""
    readable = Q(pk__in=[])
    for kind in kinds:
        records = kind.visible(user)
        if records.query.is_empty():
            continue
        readable |= Q(kind=kind.kind) & Q(Exists(records.filter(pk=OuterRef("object_id"))))
    if user.is_authenticated:
        return SearchDocument.objects.filter(readable)
    # A guest opens only public records, and the index marks them: the newest hits come from
    # the public rows' own index, where a common word walked every row by date to check the
    # ones a guest may not open. The rules still decide, so a mark left stale could hide a
    # record from guests but never show one. As a CASE they are one opaque condition to the
    # planner, which then walks that index; written out, PostgreSQL took the rules' kinds
    # for index conditions and read every public row to sort them.
    only_readable = Case(When(readable, then=Value(True)), default=Value(False))
    return SearchDocument.objects.filter(only_readable, is_public=True)


def _narrowed(documents: QuerySet, query: EverythingQuery) -> QuerySet:
    if query.kind:
        documents = documents.filter(kind=query.kind)
    if query.committee_id:
        documents = documents.filter(committee_id=query.committee_id)
    if query.year:
        documents = documents.filter(dated__year=query.year)
    return documents


def _chosen(row, query: EverythingQuery, but: str = "") -> bool:
    """Whether a hit passes the query's facet choices, all but one: a facet counts as if
    its own choice were not made, so its siblings stay in sight."""
    return (
        (but == "kind" or not query.kind or row.kind == query.kind)
        and (but == "committee" or not query.committee_id or row.committee_id == query.committee_id)
        and (but == "year" or not query.year or row.dated.year == query.year)
    )


def _page(matching: QuerySet, query: EverythingQuery, size: int) -> QuerySet:
    """The page's hits and one more (whether a next page exists), newest first."""
    documents = _narrowed(matching, query)
    if query.after:
        documents = _after(documents, query.after)
    return (
        documents.select_related("committee")
        .defer("title_terms", "body_terms", "word_terms")
        .order_by("-dated", "-id")[: size + 1]
    )


def _newest(matching: QuerySet) -> QuerySet:
    """The newest FACET_LIMIT hits, in the page's order so a common word stops early: what
    the facets count, and the page when it lies among them. The reading rule is checked in
    this one statement; the page's documents are then read by key."""
    rows = matching.order_by("-dated", "-id")
    return rows.values_list("id", "kind", "committee_id", "dated", named=True)[:FACET_LIMIT]


def _page_ids(newest: list, query: EverythingQuery, size: int) -> list[int] | None:
    """The page's ids and one more (whether a next page exists) from the newest hits; None
    when they do not hold it (a page past them), which is then a query of its own. The hits
    are a head of the list in order, so those passing the choices and the cursor are the
    head of the page."""
    after = _position(query.after) if query.after else None
    ids = [
        row.id
        for row in newest
        if _chosen(row, query) and (after is None or (row.dated, row.id) < after)
    ]
    if len(ids) > size or len(newest) < FACET_LIMIT:
        return ids[: size + 1]
    return None


def _documents(ids: list[int]) -> list[SearchDocument]:
    documents = (
        SearchDocument.objects.select_related("committee")
        .defer("title_terms", "body_terms", "word_terms")
        .in_bulk(ids)
    )
    return [documents[pk] for pk in ids if pk in documents]


def _facets(newest: list, query: EverythingQuery, labels: dict[str, str]):
    """All three facets from the newest hits, and whether the count stopped short (exactly
    FACET_LIMIT hits reads as "at least" too: true, and one row fewer to check)."""
    bounded = len(newest) >= FACET_LIMIT

    def counted(field: str, value) -> Counter:
        return Counter(value(row) for row in newest if _chosen(row, query, field))

    by_kind = counted("kind", attrgetter("kind"))
    by_committee = counted("committee", attrgetter("committee_id"))
    by_committee.pop(None, None)
    by_year = counted("year", lambda row: row.dated.year)
    names = dict(Committee.objects.filter(pk__in=by_committee).values_list("pk", "name"))
    kinds = [Facet(k, label, by_kind[k]) for k, label in labels.items() if k in by_kind]
    committees = [
        Facet(str(pk), names.get(pk, ""), n)
        for pk, n in sorted(by_committee.items(), key=lambda item: (-item[1], item[0]))
    ]
    years = [Facet(str(y), str(y), n) for y, n in sorted(by_year.items(), reverse=True)]
    return kinds, committees, years, bounded, len(newest)


def _results(user, documents: list[SearchDocument], kinds, terms) -> list[Result]:
    by_kind = {kind.kind: kind for kind in kinds}
    urls = {}
    for name in dict.fromkeys(d.kind for d in documents):
        ids = [d.object_id for d in documents if d.kind == name]
        urls.update({(name, pk): url for pk, url in by_kind[name].urls(user, ids).items()})
    return [
        Result(
            kind=d.kind,
            kind_label=str(by_kind[d.kind].label),
            object_id=d.object_id,
            committee_name=d.committee.name if d.committee_id else "",
            dated=d.dated,
            url=urls[(d.kind, d.object_id)],
            title_html=highlight(d.title, terms),
            snippet_html=highlight(snippet_of(d.body, terms), terms),
        )
        for d in documents
        if (d.kind, d.object_id) in urls
    ]


def search_everything(user, query: EverythingQuery, *, size: int = PAGE_SIZE) -> EverythingPage:
    """One page of what the person may open holding every term of the query, newest first,
    with the facets' counts over all of it."""
    kinds = all_kinds()
    text = query.text[:MAX_QUERY_CHARS]
    terms = tokens.query_terms(text)
    if not terms:
        return EverythingPage([], "", [], [], [])
    matching = filter_documents(readable_documents(user, kinds), query=text)
    newest = list(_newest(matching))
    ids = _page_ids(newest, query, size)
    rows = _documents(ids) if ids is not None else list(_page(matching, query, size))
    more, rows = len(rows) > size, rows[:size]
    labels = {kind.kind: str(kind.label) for kind in kinds}
    facets = _facets(newest, query, labels)
    return EverythingPage(
        _results(user, rows, kinds, terms), cursor_of(rows[-1]) if more else "", *facets
    )


def explained_queries(user, query: EverythingQuery) -> tuple[QuerySet, QuerySet]:
    """The page's and the facets' statements of a search, for EXPLAIN in the benchmark."""
    matching = filter_documents(readable_documents(user, all_kinds()), query=query.text)
    return _page(matching, query, PAGE_SIZE), _newest(matching)
