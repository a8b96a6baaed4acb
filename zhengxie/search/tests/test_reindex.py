import io

import pytest
from django.core.management import CommandError, call_command

from zhengxie.core import factories as core_factories
from zhengxie.search.factories import make_indexed
from zhengxie.search.selectors import search
from zhengxie.search.services import IndexEntry
from zhengxie.search.sources import SearchSource


@pytest.fixture
def units_source(city, monkeypatch):
    """A source that indexes the committee's handling units by name."""
    units = [
        core_factories.make_handling_unit(committee=city, name=n) for n in ("市民政局", "市教育局")
    ]

    def entries():
        for unit in units:
            yield IndexEntry(unit, city.pk, "unit", unit.name, "", True)

    source = SearchSource("unit", entries)
    monkeypatch.setattr(
        "zhengxie.search.management.commands.reindex_search.all_sources", lambda: [source]
    )
    return units


def test_reindex_rebuilds_the_kind_from_its_source(units_source, city):
    # given a stale document of the kind and one of another kind
    stale = make_indexed(committee=city, title="市民政局旧名称", kind="unit")
    other = make_indexed(committee=city, title="民政工作情况", kind="proposal")
    # when
    out = io.StringIO()
    call_command("reindex_search", "--kind", "unit", stdout=out)
    # then
    hits = {hit.object_id for hit in search(query="民政")}
    assert hits == {units_source[0].pk, other.pk}
    assert stale.pk not in hits
    assert "unit: 移除 1 条，写入 2 条" in out.getvalue()


def test_reindex_of_an_unknown_kind_names_the_known_ones(units_source):
    with pytest.raises(CommandError, match="未知的索引类型：thread（可用：unit）"):
        call_command("reindex_search", "--kind", "thread")
