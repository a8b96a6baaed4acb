"""What the proposals app puts in the search index (read by `manage.py reindex_search`)."""

from zhengxie.search.sources import SearchSource

from .similarity import KIND, all_entries

SEARCH_SOURCES = [SearchSource(KIND, all_entries)]
