"""The demo's search index, built last from every record the other steps made: some of them
(the grassroots volume, the 2021 year's records dated back, the roster) come in past the
services that index a record as it is written, and search over everything must find them all."""

from zhengxie.search.services import clear_kind, index_documents
from zhengxie.search.sources import all_sources


def seed(world) -> None:
    for source in all_sources():
        clear_kind(source.kind)
        index_documents(source.entries())
