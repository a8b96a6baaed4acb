"""Which records each app puts in the index, for `manage.py reindex_search`.

An app lists its sources in its own `search_index.py` as SEARCH_SOURCES (like navigation.py):
each yields IndexEntry values for every record of its kind that belongs in the index.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps

from .services import IndexEntry


@dataclass(frozen=True)
class SearchSource:
    kind: str
    entries: Callable[[], Iterable[IndexEntry]]


def all_sources() -> list[SearchSource]:
    sources: list[SearchSource] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("zhengxie."):
            continue
        try:
            module = import_module(f"{config.name}.search_index")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.search_index":
                raise
            continue
        sources.extend(getattr(module, "SEARCH_SOURCES", []))
    return sources
