"""The demo's search index, built last from every record the other steps made. The steps
before it run with indexing deferred (seed_demo): the services would index each record as it
is written, only for this rebuild to replace every document, and search over everything must
find them all."""

from zhengxie.search.services import clear_kind, index_documents
from zhengxie.search.sources import all_sources


def seed(world) -> None:
    for source in all_sources():
        clear_kind(source.kind)
        index_documents(source.entries())
