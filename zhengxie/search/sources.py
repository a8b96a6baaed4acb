"""Which records each app puts in the index, for `manage.py reindex_search`, and how a reader
reaches them, for the search over everything.

An app lists its sources in its own `search_index.py` as SEARCH_SOURCES (like navigation.py):
each yields IndexEntry values for every record of its kind that belongs in the index. Beside
them, SEARCH_KINDS says per kind which records a person may open (the app's own
filter_visible_* or selector rule, as a queryset) and where each one opens.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.db.models import QuerySet
from django.urls import reverse

from .services import IndexEntry


@dataclass(frozen=True)
class SearchSource:
    kind: str
    entries: Callable[[], Iterable[IndexEntry]]


def url_by_pk(name: str) -> Callable:
    """The record's page is a named URL of its primary key: no query."""
    return lambda user, ids: {pk: reverse(name, args=[pk]) for pk in ids}


@dataclass(frozen=True)
class SearchKind:
    kind: str
    label: str  # a lazy translation, the facet's name
    # The records of the kind the person may open: ids only are read, as a subquery.
    visible: Callable[[object], QuerySet]
    # The page of each of these records (ids already visible), in at most one query.
    urls: Callable[[object, list[int]], dict[int, str]]


def _search_modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("zhengxie."):
            continue
        try:
            yield import_module(f"{config.name}.search_index")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.search_index":
                raise


def all_sources() -> list[SearchSource]:
    return [source for module in _search_modules() for source in module.SEARCH_SOURCES]


def all_kinds() -> list[SearchKind]:
    """Every searchable kind; a kind indexed without a rule for readers is a mistake."""
    kinds = [kind for module in _search_modules() for kind in getattr(module, "SEARCH_KINDS", [])]
    missing = {source.kind for source in all_sources()} - {kind.kind for kind in kinds}
    if missing:
        raise LookupError(f"indexed kinds without readers: {', '.join(sorted(missing))}")
    return kinds
