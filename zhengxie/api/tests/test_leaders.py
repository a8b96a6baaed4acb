"""A leader's phone: key proposals under supervision and the cockpit's headline figures, per
role, with the same figures as the web's pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.insights.cards import COCKPIT
from zhengxie.proposals import factories
from zhengxie.proposals import services as proposals
from zhengxie.proposals.models import KeyProposal


@pytest.fixture
def leader(city, make_user):
    return make_user(Role.LEADER, city)


def _keys(city, staff, count: int, *, supervisor=None) -> list[int]:
    keys = []
    for _ in range(count):
        proposal = factories.make_registered(committee=city, office=staff)
        key = proposals.select_key_proposal(
            proposal=proposal,
            actor=staff,
            supervisor=supervisor,
            supervisor_name="" if supervisor else "某副市长",
            supervisor_kind="chair" if supervisor else "party_gov",
        )
        keys.append(key.pk)
    return keys


def _walk(client, path: str, limit: int, **query) -> list[int]:
    found, cursor = [], None
    while True:
        params = {"limit": limit, **query, **({"cursor": cursor} if cursor else {})}
        body = client.get(path, **params).json()
        found += [item["id"] for item in body["items"]]
        if (cursor := body["next"]) is None:
            return found


def test_a_leader_reads_the_key_proposals_of_the_web_page(city, staff, leader, api_as, client):
    # given three key proposals, one the leader supervises in person
    others = _keys(city, staff, 2)
    (own,) = _keys(city, staff, 1, supervisor=leader)
    proposals.log_supervision(
        key=KeyProposal.objects.get(pk=own),
        actor=leader,
        happened_on=timezone.localdate(),
        form="inspection",
        notes="实地察看",
    )
    client.force_login(leader)
    web = {key.pk for key in client.get(reverse("proposals:key")).context["keys"]}
    api = api_as(leader)
    # when
    every = _walk(api, "/leaders/key-proposals", 2)
    mine = api.get("/leaders/key-proposals", mine="true").json()["items"]
    # then
    assert set(every) == web == {*others, own}
    assert [item["id"] for item in mine] == [own]
    assert mine[0]["supervision_count"] == 1
    assert mine[0]["supervisor_kind_label"] == "主席会议成员"
    key = KeyProposal.objects.select_related("proposal").get(pk=own)
    assert (mine[0]["proposal_id"], mine[0]["proposal_title"]) == (
        key.proposal_id,
        key.proposal.title,
    )
    assert mine[0]["supervisor_name"] == str(leader)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.RESIDENT, Role.UNIT, Role.CONVENOR])
@pytest.mark.parametrize("path", ["/leaders/key-proposals", "/leaders/dashboard"])
def test_other_roles_are_refused(city, make_user, api_as, role, path):
    response = api_as(make_user(role, city)).get(path)
    assert response.status_code == 403


def test_county_staff_see_no_city_key_proposals(city, county, staff, make_user, api_as):
    _keys(city, staff, 2)
    body = api_as(make_user(Role.STAFF, county)).get("/leaders/key-proposals").json()
    assert body["items"] == []


def test_the_key_proposal_list_costs_the_same_at_any_size(
    city, staff, leader, api_as, django_assert_max_num_queries
):
    api = api_as(leader)
    _keys(city, staff, 2)
    api.get("/leaders/key-proposals")
    with django_assert_max_num_queries(12) as few:
        assert len(api.get("/leaders/key-proposals").json()["items"]) == 2
    _keys(city, staff, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get("/leaders/key-proposals").json()["items"]) == 10


def test_the_dashboard_gives_the_cockpits_headlines(city, county, leader, api_as, client):
    # given
    make_member(committee=city)
    make_member(committee=county)
    client.force_login(leader)
    web = client.get(
        reverse("insights:cockpit"), {"committee": city.pk, "year": 2022, "rollup": "on"}
    )
    # when
    body = api_as(leader).get("/leaders/dashboard", committee_id=city.pk, year=2022).json()
    # then
    assert (body["committee"]["id"], body["year"], body["rollup"]) == (city.pk, 2022, True)
    figures = web.context["figures"]
    assert [(h["section"], h["key"]) for h in body["headlines"]] == [
        (card.section, card.key) for card in COCKPIT
    ]
    for headline in body["headlines"]:
        assert headline["value"] == pytest.approx(figures[headline["section"]][headline["key"]])
    members = next(h for h in body["headlines"] if h["key"] == "total")
    assert members["value"] == 2 and members["label"] == "委员"


def test_a_county_reader_gets_the_county_and_may_not_name_the_city(city, county, make_user, api_as):
    api = api_as(make_user(Role.STAFF, county))
    own = api.get("/leaders/dashboard").json()
    assert (own["committee"]["id"], own["rollup"]) == (county.pk, False)
    assert api.get("/leaders/dashboard", committee_id=city.pk).status_code == 404


def test_the_leader_may_ask_for_the_city_alone(city, county, leader, api_as):
    make_member(committee=county)
    api = api_as(leader)
    rolled = api.get("/leaders/dashboard", year=2022).json()
    alone = api.get("/leaders/dashboard", year=2022, rollup="false").json()
    total = {body["rollup"]: next(h["value"] for h in body["headlines"] if h["key"] == "total")
             for body in (rolled, alone)}  # fmt: skip
    assert total == {True: 1, False: 0}
