"""The choices the app's forms offer, read as the web forms read them, with ETags."""

import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.services.rules import set_rule
from zhengxie.grassroots import rules as grassroots_rules
from zhengxie.jobs import factories as jobs_factories
from zhengxie.proposals import rules as proposal_rules

# The token's lookup and its last-used stamp, the portal's committee, the rows.
CHOICES_QUERIES = 4


def test_a_guest_reads_the_towns_of_the_city_and_its_counties(city, county, api_as):
    # given
    near = core.make_town(committee=city, name="城关镇")
    far = core.make_town(committee=county, name="河口乡")
    core.make_town(committee=core.make_committee(code="other", name="别市政协"), name="外乡")
    closed = core.make_town(committee=city, name="旧镇")
    closed.is_active = False
    closed.save()
    # when
    items = api_as(None).get("/choices/towns").json()["items"]
    # then
    assert [(t["id"], t["committee_id"]) for t in items] == [
        (near.pk, city.pk),
        (far.pk, county.pk),
    ]
    assert items[1]["region"] == county.region


def test_a_member_reads_their_committees_proposal_categories(city, api_as):
    member = core.make_member(committee=city, with_account=True)
    set_rule(committee=city, key=proposal_rules.CATEGORIES, actor=None,
             value={"经济": ["工业", "农业"], "社会": []})  # fmt: skip
    items = api_as(member.user).get("/choices/proposal-categories").json()["items"]
    # the office's order of main categories, on PostgreSQL too (jsonb would sort 社会 first)
    assert items == [{"main": "经济", "subs": ["工业", "农业"]}, {"main": "社会", "subs": []}]


def test_only_those_who_write_proposals_read_their_categories(city, make_user, api_as):
    answer = api_as(make_user(Role.UNIT, city)).get("/choices/proposal-categories")
    assert answer.status_code == 403


def test_case_categories_follow_the_towns_committee(city, county, api_as):
    # given the county names its own categories
    town = core.make_town(committee=county, name="河口乡")
    set_rule(committee=county, key=grassroots_rules.CASE_CATEGORIES, actor=None,
             value=[{"code": "river", "label": "河道治理"}])  # fmt: skip
    client = api_as(None)
    # then
    in_town = client.get("/choices/case-categories", town=town.pk).json()["items"]
    assert in_town == [{"code": "river", "label": "河道治理"}]
    default = client.get("/choices/case-categories").json()["items"]
    assert [c["code"] for c in default] == list(grassroots_rules.categories(city))
    assert client.get("/choices/case-categories", town=987654).status_code == 400


def test_job_categories_are_the_active_ones_in_the_committees_order(city, api_as):
    late = jobs_factories.make_category(committee=city, name="普工")
    early = jobs_factories.make_category(committee=city, name="厨师")
    late.sort_order, early.sort_order = 2, 1
    late.save(), early.save()
    retired = jobs_factories.make_category(committee=city, name="话务员")
    retired.is_active = False
    retired.save()
    items = api_as(None).get("/choices/job-categories").json()["items"]
    assert [c["id"] for c in items] == [early.pk, late.pk]


def test_an_unchanged_list_answers_304_and_a_change_a_new_body(city, api_as):
    client = api_as(None)
    core.make_town(committee=city, name="城关镇")
    first = client.get("/choices/towns")
    again = client.get("/choices/towns", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    core.make_town(committee=city, name="新镇")
    changed = client.get("/choices/towns", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and len(changed.json()["items"]) == 2


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize("path", ["/choices/towns", "/choices/job-categories"])
def test_the_lists_take_the_same_queries_for_few_and_many(
    city, county, make_user, api_as, size, path, django_assert_max_num_queries
):
    for n in range(size):
        core.make_town(committee=county if n % 2 else city, name=f"镇{n}")
        jobs_factories.make_category(committee=city, name=f"类别{n}")
    client = api_as(make_user(Role.RESIDENT, city))
    with django_assert_max_num_queries(CHOICES_QUERIES):
        assert len(client.get(path).json()["items"]) == size
