"""Similar proposals, likely duplicates and full-text search over the proposals index."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from zhengxie.proposals import factories, services
from zhengxie.proposals.models import Proposal
from zhengxie.proposals.similarity import (
    index_proposal,
    likely_duplicates,
    search_proposals,
    similar_proposals,
    similar_to,
)
from zhengxie.search.tests.texts import PROPOSALS

MYOPIA = (
    "关于加强中小学生视力保护的建议。近年来我市中小学生近视率逐年上升，近视低龄化趋势明显。"
    "建议教育部门和卫健部门联合开展儿童青少年近视防控，保障学生每天户外活动时间。"
)


def _sections(body: str) -> dict:
    third = len(body) // 3
    return {
        "situation": body[:third],
        "analysis": body[third : 2 * third],
        "suggestion": body[2 * third :],
    }


def _title(title: str) -> str:
    """The submission form requires 关于……的建议; a few real titles are phrased otherwise."""
    title = title if title.startswith("关于") else f"关于{title}"
    return title if title.endswith(("的建议", "的提案")) else f"{title}的建议"


@pytest.fixture
def register(city):
    """Registered proposals made from real texts, indexed as the services would."""
    office = factories.core.make_user(role="staff", committee=city)
    made = {}
    for number in ("0060", "0125", "0194", "0198", "0407", "0633", "0187"):
        title, body = PROPOSALS[number]
        proposal = factories.make_registered(
            committee=city, office=office, title=_title(title), **_sections(body)
        )
        index_proposal(proposal=proposal)
        made[number] = proposal
    return made


def test_five_most_similar_come_best_first_with_score_and_outcome(register, city):
    # when
    found = similar_proposals(committee=city, text=MYOPIA, reader=None, top=5)
    # then
    assert len(found) == 5
    assert {s.proposal.pk for s in found[:2]} == {register["0194"].pk, register["0198"].pk}
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert found[0].outcome == "已立案"


def test_similar_to_a_proposal_leaves_it_out_and_keeps_to_its_committee(register, county, staff):
    title, body = PROPOSALS["0194"]
    other = factories.make_registered(committee=county, title=_title(title), **_sections(body))
    index_proposal(proposal=other)
    found = similar_to(register["0194"], reader=staff)
    assert found[0].proposal == register["0198"]
    assert register["0194"] not in [s.proposal for s in found]
    assert other not in [s.proposal for s in found]


def test_similar_proposals_take_a_fixed_number_of_queries(
    register, city, django_assert_max_num_queries
):
    similar_proposals(committee=city, text=MYOPIA, reader=None)  # builds the index
    with django_assert_max_num_queries(3):
        found = similar_proposals(committee=city, text=MYOPIA, reader=None)
        [s.outcome for s in found]


def test_likely_duplicates_within_a_plenary(register, city):
    body = PROPOSALS["0633"][1]
    copy = factories.make_registered(
        committee=city, title="关于缓解城市停车难的建议", **_sections(body)
    )
    index_proposal(proposal=copy)
    pairs = likely_duplicates(plenary=copy.plenary)
    assert {pairs[0].first, pairs[0].second} == {register["0633"], copy}
    assert all(p.overlap >= 0.5 or p.score >= 0.6 for p in pairs)


def test_drafts_are_not_indexed(city):
    draft = factories.make_draft(committee=city, title="关于加强中小学生视力保护的建议")
    index_proposal(proposal=draft)
    assert similar_proposals(committee=city, text=MYOPIA, reader=None) == []


def test_register_search_narrows_to_proposals_containing_every_term(register):
    found = search_proposals(Proposal.objects.all(), "养老 农村")
    assert list(found) == [register["0125"]]
    assert search_proposals(Proposal.objects.all(), "  ").count() == len(register)
    assert set(search_proposals(Proposal.objects.all(), "近视")) == {
        register["0194"],
        register["0198"],
    }


def test_command_prints_json_best_first(register, city):
    out = io.StringIO()
    call_command(
        "similar_proposals", "--committee", city.code, "--top", "2", "--json", MYOPIA, stdout=out
    )
    rows = json.loads(out.getvalue())
    assert [set(r) for r in rows] == [{"number", "title", "score"}] * 2
    assert {r["number"] for r in rows} == {register["0194"].number, register["0198"].number}
    assert rows[0]["score"] >= rows[1]["score"]


def test_command_lists_pairs_of_a_plenary(register, city):
    body = PROPOSALS["0407"][1]
    copy = factories.make_registered(
        committee=city, title="关于推进垃圾分类的建议", **_sections(body)
    )
    index_proposal(proposal=copy)
    out = io.StringIO()
    call_command(
        "similar_proposals",
        "--committee",
        city.code,
        "--plenary",
        "5-1",
        "--pairs",
        "--json",
        stdout=out,
    )
    rows = json.loads(out.getvalue())
    assert {rows[0]["first"]["number"], rows[0]["second"]["number"]} == {
        register["0407"].number,
        copy.number,
    }


def test_command_names_bad_arguments(city):
    with pytest.raises(CommandError, match="未知的政协代码“nowhere”"):
        call_command("similar_proposals", "--committee", "nowhere", "文字")
    with pytest.raises(CommandError, match="--pairs 需要 --plenary CODE"):
        call_command("similar_proposals", "--committee", city.code, "--pairs")
    with pytest.raises(CommandError, match="请给出要比对的文字"):
        call_command("similar_proposals", "--committee", city.code)


def test_similar_panel_for_readers_only(client, register, city, county, make_user):
    proposal = register["0194"]
    client.force_login(make_user("staff", city))
    page = client.get(f"/proposals/{proposal.pk}/similar/").content.decode()
    assert register["0198"].title in page and "相似度" in page
    client.force_login(make_user("member", county))
    assert client.get(f"/proposals/{proposal.pk}/similar/").status_code == 403


def test_reindex_command_covers_proposals(city):
    # given a registered proposal whose index entry was lost
    from zhengxie.search.services import clear_kind

    proposal = factories.make_registered(committee=city, title="关于加强中小学生视力保护的建议")
    clear_kind(kind="proposal")
    assert search_proposals(Proposal.objects.all(), "视力").count() == 0
    # when
    call_command("reindex_search", "--kind", "proposal", stdout=io.StringIO())
    # then
    assert list(search_proposals(Proposal.objects.all(), "视力")) == [proposal]


def test_a_units_similar_panel_lists_only_proposals_it_may_open(client, register, city, staff):
    # given a unit handling one proposal of the register
    unit_user = factories.make_unit_user(committee=city)
    handled = services.assign_proposal(
        proposal=register["0194"], actor=staff, lead=factories.unit_of(unit_user)
    )
    url = reverse("proposals:similar", args=[handled.pk])
    # when the unit and the office open its similar-proposals panel
    client.force_login(unit_user)
    for_unit = client.get(url).content.decode()
    client.force_login(staff)
    for_office = client.get(url).content.decode()
    # then the office sees the closest other proposal, the unit sees none it may not open
    assert register["0198"].title in for_office
    assert not [p.title for p in register.values() if p.title in for_unit]


def _copy_of(city, number: str, title: str) -> Proposal:
    copy = factories.make_registered(committee=city, title=title, **_sections(PROPOSALS[number][1]))
    index_proposal(proposal=copy)
    return copy


def test_the_office_page_lists_likely_duplicate_pairs_in_constant_queries(
    client, register, city, django_assert_max_num_queries
):
    # given: a copy of the parking proposal in the current plenary
    parking = _copy_of(city, "0633", "关于缓解城市停车难的建议")
    client.force_login(factories.core.make_user(role="staff", committee=city))
    url = reverse("proposals:duplicates")
    with django_assert_max_num_queries(40) as first:
        page = client.get(url).content.decode()
    # then: the pair is listed with links to both records
    assert page.count('data-testid="duplicate-pair"') == len(
        likely_duplicates(plenary=parking.plenary)
    )
    for proposal in (parking, register["0633"]):
        assert reverse("proposals:detail", args=[proposal.pk]) in page
    # when: another pair appears, the page costs no more queries
    elderly = _copy_of(city, "0125", "关于发展农村养老服务的建议")
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(url).content.decode()
    assert reverse("proposals:detail", args=[elderly.pk]) in page


def test_another_committees_office_does_not_see_the_pairs(client, register, city, county):
    _copy_of(city, "0633", "关于缓解城市停车难的建议")
    client.force_login(factories.core.make_user(role="staff", committee=county))
    page = client.get(reverse("proposals:duplicates")).content.decode()
    assert 'data-testid="duplicate-pair"' not in page
