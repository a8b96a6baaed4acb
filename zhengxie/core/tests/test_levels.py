"""Three levels: a province above a city above a county. Each reads itself and everything
below it, once; nothing reads upward."""

import pytest

from zhengxie.core import factories
from zhengxie.core.models import Committee, CommitteeLevel, Role
from zhengxie.core.permissions import readable_committee_ids
from zhengxie.core.selectors import committee_scope
from zhengxie.insights.selectors import compute_annual_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(city, county):
    province = Committee.objects.create(
        code="hubei", name="政协湖北省委员会", level=CommitteeLevel.PROVINCIAL
    )
    city.parent = province
    city.save(update_fields=["parent"])
    return province, city, county


@pytest.mark.parametrize("role", [Role.STAFF, Role.LEADER])
def test_each_level_reads_itself_and_below(tree, role, django_assert_max_num_queries):
    province, city, county = tree
    readers = {c: factories.make_user(role=role, committee=c) for c in tree}
    assert readable_committee_ids(readers[province]) == {province.pk, city.pk, county.pk}
    assert readable_committee_ids(readers[city]) == {city.pk, county.pk}
    # a county pays no query for the tree
    with django_assert_max_num_queries(1):
        assert readable_committee_ids(readers[county]) == {county.pk}


def test_a_member_of_the_province_reads_no_roll_up(tree):
    province, _city, _county = tree
    member = factories.make_member(committee=province, with_account=True)
    assert readable_committee_ids(member.user) == {province.pk}


def test_the_province_rolls_up_every_committee_once(tree):
    province, city, county = tree
    assert committee_scope(province, rollup=True) == [province.pk, city.pk, county.pk]
    assert committee_scope(city, rollup=True) == [city.pk, county.pk]
    assert committee_scope(county, rollup=True) == [county.pk]


def test_annual_figures_of_the_province_add_every_level_without_double_counting(tree):
    province, city, county = tree
    for committee, n in ((province, 2), (city, 3), (county, 4)):
        for _ in range(n):
            factories.make_member(committee=committee)
    figures = {
        c.code: compute_annual_figures(committee=c, year=2022)["members"]["total"] for c in tree
    }
    assert figures == {"hubei": 9, "city": 7, "county": 4}
