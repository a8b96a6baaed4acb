import pytest

from zhengxie.core import factories as core_factories
from zhengxie.search.factories import make_indexed
from zhengxie.search.selectors import search
from zhengxie.search.services import (
    IndexEntry,
    index_documents,
    indexing_deferred,
    remove_document,
)


def _entry(unit, title: str) -> IndexEntry:
    return IndexEntry(unit, unit.committee_id, "unit", title, "", True)


@pytest.mark.django_db
def test_writes_while_indexing_is_deferred_leave_the_index_as_it_was(city):
    # given a record in the index and a new one not yet in it
    indexed = make_indexed(committee=city, title="市民政局工作", kind="unit")
    new = core_factories.make_handling_unit(committee=city, name="市教育局")
    # when both are indexed or removed while indexing is deferred
    with indexing_deferred():
        written = index_documents([_entry(new, "市民政局新址")])
        removed = remove_document(obj=indexed)
    # then the index is untouched
    assert (written, removed) == (0, False)
    assert {hit.object_id for hit in search(query="民政")} == {indexed.pk}


@pytest.mark.django_db
def test_indexing_works_again_once_the_deferral_ends(city):
    # given a deferral that ended, also by an error
    unit = core_factories.make_handling_unit(committee=city, name="市教育局")
    with pytest.raises(RuntimeError), indexing_deferred():
        raise RuntimeError
    # when
    written = index_documents([_entry(unit, "市民政局新址")])
    # then
    assert written == 1
    assert {hit.object_id for hit in search(query="民政")} == {unit.pk}
