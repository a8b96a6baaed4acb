"""The search over everything: each role finds exactly what it may open, in every kind."""

import datetime as dt
import re
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from zhengxie.activities import factories as activity_factories
from zhengxie.activities.services.activities import create_activity
from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.services.api_tokens import issue_token
from zhengxie.grassroots import factories as grassroots_factories
from zhengxie.opinions import factories as opinion_factories
from zhengxie.portal import factories as portal_factories
from zhengxie.proposals import factories as proposal_factories
from zhengxie.search import everything
from zhengxie.search.everything import EverythingQuery, search_everything
from zhengxie.search.models import SearchDocument
from zhengxie.search.sources import all_sources

pytestmark = pytest.mark.django_db

WORD = "湿地保护"


class World:
    pass


@pytest.fixture
def world():
    w = World()
    w.city = core.make_committee(name="随州市政协")
    w.county = core.make_committee(name="曾都区政协", parent=w.city)
    w.resident = core.make_user(role=Role.RESIDENT, committee=w.city)
    member = core.make_member(committee=w.city, with_account=True)
    w.member = member.user
    w.staff = core.make_user(role=Role.STAFF, committee=w.city)
    w.county_staff = core.make_user(role=Role.STAFF, committee=w.county)
    w.proposal = proposal_factories.make_submitted(
        committee=w.city, author=w.member, title=f"关于加强{WORD}的建议"
    )
    w.draft_report = opinion_factories.make_report(author=member, title=f"{WORD}草稿", submit=False)
    w.report = opinion_factories.make_report(author=member, title=f"{WORD}的社情民意")
    w.activity = activity_factories.make_activity(committee=w.city, title=f"{WORD}专题调研")
    _user, venue = grassroots_factories.make_convenor_venue(committee=w.city)
    w.case = grassroots_factories.make_case(
        venue=venue, reporter=w.resident, title=f"{WORD}区垃圾堆放"
    )
    county_town = core.make_town(committee=w.county, name="何店镇")
    w.county_case = grassroots_factories.make_case(
        town=county_town, title=f"{WORD}区排污", raised_on=dt.date(2021, 5, 1)
    )
    board = portal_factories.make_board(committee=w.city)
    w.thread = portal_factories.make_thread(board=board, author=w.member, title=f"{WORD}观鸟")
    town = core.make_town(committee=w.city, name=f"{WORD}镇")
    w.town_member = core.make_member(committee=w.city, name="柳含烟", town=town)
    call_command("reindex_search", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return w


def found(user, **query) -> set[tuple[str, int]]:
    page = search_everything(user or AnonymousUser(), EverythingQuery(text=WORD, **query))
    return {(result.kind, result.object_id) for result in page.results}


def test_a_guest_finds_only_public_records(world):
    assert found(None) == {("thread", world.thread.pk)}


def test_a_resident_finds_their_own_case_and_public_records(world):
    assert found(world.resident) == {("thread", world.thread.pk), ("case", world.case.pk)}


def test_a_member_finds_their_committee_and_their_own_draft_but_no_roster(world):
    assert found(world.member) == {
        ("proposal", world.proposal.pk),
        ("opinion_report", world.draft_report.pk),
        ("opinion_report", world.report.pk),
        ("case", world.case.pk),
        ("thread", world.thread.pk),
    }


def test_city_staff_find_their_committee_and_its_counties_but_not_a_members_draft(world):
    assert found(world.staff) == {
        ("proposal", world.proposal.pk),
        ("opinion_report", world.report.pk),
        ("activity", world.activity.pk),
        ("case", world.case.pk),
        ("case", world.county_case.pk),
        ("thread", world.thread.pk),
        ("member", world.town_member.pk),
    }


def test_county_staff_do_not_see_the_citys_drafts_or_internal_records(world):
    assert found(world.county_staff) == {
        ("case", world.county_case.pk),
        ("thread", world.thread.pk),
    }


def test_facets_count_only_what_the_reader_may_open(world):
    page = search_everything(world.staff, EverythingQuery(text=WORD))
    kinds = {facet.value: facet.count for facet in page.kinds}
    assert kinds == {
        "proposal": 1,
        "opinion_report": 1,
        "activity": 1,
        "case": 2,
        "thread": 1,
        "member": 1,
    }
    committees = {facet.label: facet.count for facet in page.committees}
    assert committees == {"随州市政协": 6, "曾都区政协": 1}
    assert {"2021": 1}.items() <= {f.value: f.count for f in page.years}.items()


def test_a_facet_narrows_the_results_and_keeps_its_siblings_counted(world):
    page = search_everything(world.staff, EverythingQuery(text=WORD, kind="case"))
    assert {r.object_id for r in page.results} == {world.case.pk, world.county_case.pk}
    assert len(page.kinds) == 6
    assert found(world.staff, committee_id=world.county.pk) == {("case", world.county_case.pk)}
    assert found(world.staff, year=2021) == {("case", world.county_case.pk)}


def test_snippets_are_escaped_with_the_match_marked(world):
    world.case.description = f"<b>河道</b>旁的{WORD}区"
    world.case.save(update_fields=["description"])
    call_command("reindex_search", kind="case", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = search_everything(world.staff, EverythingQuery(text=WORD, kind="case"))
    result = next(r for r in page.results if r.object_id == world.case.pk)
    assert f"<mark>{WORD}</mark>" in result.title_html
    assert "&lt;b&gt;河道&lt;/b&gt;" in result.snippet_html
    assert "<b>" not in result.snippet_html
    assert result.url == f"/grassroots/cases/{world.case.pk}/"


def test_a_single_word_of_a_phrase_is_found_as_in_the_proposals_search(world):
    assert ("proposal", world.proposal.pk) in found(world.staff)
    page = search_everything(world.staff, EverythingQuery(text="湿地 建议"))
    assert [r.object_id for r in page.results if r.kind == "proposal"] == [world.proposal.pk]


def test_pages_follow_the_cursor_without_repeats(world):
    seen, after = [], ""
    while True:
        page = search_everything(world.staff, EverythingQuery(text=WORD, after=after), size=2)
        seen += [(r.kind, r.object_id) for r in page.results]
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert len(seen) == len(set(seen)) == 7


def test_an_empty_query_finds_nothing(world):
    page = search_everything(world.staff, EverythingQuery(text="  "))
    assert page.results == [] and page.kinds == []


def _more_cases(world, n):
    venue = world.case.venue
    for i in range(n):
        grassroots_factories.make_case(venue=venue, reporter=world.resident, title=f"{WORD}{i}")
    call_command("reindex_search", kind="case", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("extra", [0, 25])
def test_the_query_count_does_not_grow_with_the_hits(world, extra, django_assert_max_num_queries):
    _more_cases(world, extra)
    search_everything(world.staff, EverythingQuery(text=WORD))  # warm the per-user caches
    with django_assert_max_num_queries(15):
        page = search_everything(world.staff, EverythingQuery(text=WORD))
    assert len(page.results) == min(7 + extra, 20)


def test_a_common_word_counts_its_newest_hits_and_says_the_counts_are_lower_bounds(
    world, monkeypatch
):
    # given every hit of the city's staff, newest first, and a bound below their number
    everyone = search_everything(world.staff, EverythingQuery(text=WORD), size=100).results
    assert len(everyone) == 7
    monkeypatch.setattr(everything, "FACET_LIMIT", 3)
    # when
    page = search_everything(world.staff, EverythingQuery(text=WORD))
    # then the facets count the three newest hits only, and say so
    assert page.counts_are_lower_bounds
    newest = Counter(result.kind for result in everyone[:3])
    assert {facet.value: facet.count for facet in page.kinds} == dict(newest)
    assert sum(facet.count for facet in page.years) == 3
    # and the page itself is not cut short
    assert len(page.results) == 7


@pytest.mark.parametrize("limit", [2, 3, 1000])
def test_pages_and_choices_past_the_counted_hits_are_whole(world, monkeypatch, limit):
    # given what the city's staff find, whole, for each choice
    choices = [{}, {"kind": "case"}, {"committee_id": world.county.pk}, {"year": 2021}]
    whole = [found(world.staff, **choice) for choice in choices]
    # when the facets count fewer hits than a page walks through
    monkeypatch.setattr(everything, "FACET_LIMIT", limit)
    for choice, expected in zip(choices, whole, strict=True):
        seen, after = [], ""
        while True:
            query = EverythingQuery(text=WORD, after=after, **choice)
            page = search_everything(world.staff, query, size=2)
            seen += [(r.kind, r.object_id) for r in page.results]
            if not page.next_cursor:
                break
            after = page.next_cursor
        # then every page follows the cursor to the same hits, none twice
        assert len(seen) == len(set(seen)) and set(seen) == expected, choice


def test_counts_below_the_bound_are_exact(world, monkeypatch):
    monkeypatch.setattr(everything, "FACET_LIMIT", 8)
    page = search_everything(world.staff, EverythingQuery(text=WORD))
    assert not page.counts_are_lower_bounds
    assert sum(facet.count for facet in page.kinds) == 7


def test_a_bounded_count_never_counts_what_the_reader_may_not_open(world, monkeypatch):
    monkeypatch.setattr(everything, "FACET_LIMIT", 2)
    page = search_everything(world.county_staff, EverythingQuery(text=WORD))
    assert page.counts_are_lower_bounds
    assert {facet.value: facet.count for facet in page.kinds} == {"case": 1, "thread": 1}


def test_the_page_and_the_api_mark_bounded_counts(world, client, monkeypatch):
    monkeypatch.setattr(everything, "FACET_LIMIT", 3)
    client.force_login(world.staff)
    html = client.get("/search/", {"q": WORD}).content.decode()
    assert "以下只统计最新的 3 条，数字为下限" in html
    counts = re.findall(r'<span class="count">([^<]*)</span>', html)
    assert counts and all(re.fullmatch(r"[0-9]+\+", count) for count in counts)
    token = issue_token(user=world.staff, device_name="测试").token
    body = client.get(
        "/api/v1/search", {"q": WORD}, headers={"Authorization": f"Bearer {token}"}
    ).json()
    assert body["counts_are_lower_bounds"] is True
    assert sum(f["count"] for f in body["kinds"]) == 3


def test_the_page_lists_marked_hits_and_the_header_has_the_box(world, client):
    client.force_login(world.county_staff)
    response = client.get("/search/", {"q": WORD})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/grassroots/cases/{world.county_case.pk}/" in html
    assert f"/grassroots/cases/{world.case.pk}/" not in html
    assert f"<mark>{WORD}</mark>" in html
    assert 'action="/search/"' in html


def test_the_page_names_a_kind_that_does_not_exist(world, client):
    response = client.get("/search/", {"q": WORD, "kind": "nonsense"})
    assert "类型不存在：nonsense" in response.content.decode()


def test_the_api_answers_like_the_page_with_facets(world, client):
    token = issue_token(user=world.county_staff, device_name="测试").token
    response = client.get(
        "/api/v1/search", {"q": WORD}, headers={"Authorization": f"Bearer {token}"}
    )
    body = response.json()
    assert response.status_code == 200, body
    assert {(item["kind"], item["id"]) for item in body["items"]} == {
        ("thread", world.thread.pk),
        ("case", world.county_case.pk),
    }
    assert {f["value"]: f["count"] for f in body["kinds"]} == {"case": 1, "thread": 1}
    assert body["counts_are_lower_bounds"] is False
    assert body["next"] is None


def test_records_written_through_their_services_are_found_without_a_reindex():
    # given
    city = core.make_committee()
    member = core.make_member(committee=city, with_account=True)
    staff = core.make_user(role=Role.STAFF, committee=city)
    # when
    report = opinion_factories.make_report(author=member, title=f"{WORD}的新信息")
    starts_at = timezone.now() + dt.timedelta(days=3)
    activity = create_activity(
        actor=staff,
        committee=city,
        kind=activity_factories.kind(committee=city),
        title=f"{WORD}视察",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
    )
    # then
    assert found(staff) == {("opinion_report", report.pk), ("activity", activity.pk)}


def test_the_demo_indexes_every_record_of_every_searchable_kind(demo_world, db):
    # given the demo world, whose steps make some records past the indexing services
    # then every searchable kind holds one document per record the index takes
    for source in all_sources():
        records = sum(1 for _entry in source.entries())
        assert SearchDocument.objects.filter(kind=source.kind).count() == records, source.kind
    # and the kinds the demo makes past the services are among them
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert {"activity", "case", "session", "opinion_report", "member"} <= kinds
