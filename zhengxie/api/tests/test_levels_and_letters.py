"""What the web has of #16 and the API now too: a county opinion report handed off to the city
(逐级报送), the city's decision as its author reads it, and members' letters (委员来信) for
the member whose proposal became one."""

import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.workflow import apply
from zhengxie.opinions import factories as opinion_factories
from zhengxie.opinions import services as opinions
from zhengxie.opinions.models import OpinionReport
from zhengxie.proposals import factories as proposal_factories
from zhengxie.proposals import services as proposals
from zhengxie.proposals.models import Letter

# The token's lookup and its last-used stamp, the person's seat, the page (with its committee,
# unit and proposal joined).
MY_LETTERS_QUERIES = 5


@pytest.fixture
def county_author(county):
    return opinion_factories.make_author(committee=county)


@pytest.fixture
def county_office(county):
    return opinion_factories.make_office(committee=county)


@pytest.fixture
def adopted(county_author, county_office):
    return opinion_factories.make_adopted_report(author=county_author, office=county_office)


def _hand_off(client, report, note=""):
    return client.post(f"/opinions/{report.pk}/hand-off", {"note": note})


# --- 逐级报送 ----------------------------------------------------------------------------


def test_the_county_office_hands_off_and_the_author_reads_the_citys_decision(
    adopted, county_author, county_office, city, api_as
):
    # when the county office hands the adopted report off to the city
    response = _hand_off(api_as(county_office), adopted, note="请市政协研究")
    # then it answers the report with the city's handling, and the city has the report
    assert response.status_code == 200, response.content
    handling = response.json()["upper_handling"]
    assert [(h["committee"], h["state"]) for h in handling] == [(city.display_name, "submitted")]
    upper = OpinionReport.objects.get(escalated_from=adopted)
    assert upper.committee == city
    # and the city office reads where it came from
    city_office = opinion_factories.make_office(committee=city)
    seen = api_as(city_office).get(f"/opinions/{upper.pk}").json()
    assert seen["escalated_from"] == {"id": adopted.pk, "committee": adopted.committee.display_name}
    # when the city adopts it
    opinions.apply_action(report=upper, actor=city_office, action="adopt", mode="single")
    # then the county author reads the city's decision on their own report
    body = api_as(county_author.user).get(f"/opinions/{adopted.pk}").json()
    assert city.display_name in body["upper_decision"] and "采用" in body["upper_decision"]
    assert [(h["state"], h["adoption_mode"]) for h in body["upper_handling"]] == [
        ("adopted", "single")
    ]
    assert body["escalated_from"] is None


@pytest.mark.parametrize("who", ["author", "county_leader", "city_staff", "county_member"])
def test_only_the_reports_office_hands_it_off(
    adopted, county_author, county, city, make_user, api_as, who
):
    user = {
        "author": lambda: county_author.user,
        "county_leader": lambda: make_user(Role.LEADER, county),
        "city_staff": lambda: make_user(Role.STAFF, city),
        "county_member": lambda: core.make_member(committee=county, with_account=True).user,
    }[who]()
    response = _hand_off(api_as(user), adopted)
    assert response.status_code in (403, 404)
    assert not OpinionReport.objects.filter(escalated_from=adopted).exists()


def test_a_report_is_handed_off_once(adopted, county_office, api_as):
    client = api_as(county_office)
    assert _hand_off(client, adopted).status_code == 200
    response = _hand_off(client, adopted)
    assert response.status_code == 400
    assert "committee" in response.json()["error"]["fields"]
    assert OpinionReport.objects.filter(escalated_from=adopted).count() == 1


def test_a_report_not_adopted_is_not_handed_off(county_author, county_office, api_as):
    report = opinion_factories.make_report(author=county_author)
    assert _hand_off(api_as(county_office), report).status_code == 403
    assert not OpinionReport.objects.filter(escalated_from=report).exists()


def test_the_city_has_no_committee_above_to_hand_off_to(city, api_as):
    office = opinion_factories.make_office(committee=city)
    author = opinion_factories.make_author(committee=city)
    report = opinion_factories.make_adopted_report(author=author, office=office)
    response = _hand_off(api_as(office), report)
    assert response.status_code == 400
    assert "上级政协" in str(response.json()["error"])


# --- 委员来信 ----------------------------------------------------------------------------


def _letter(city, staff, author, title="关于修复小区门口路灯的建议") -> Letter:
    proposal = proposal_factories.make_submitted(committee=city, author=author, title=title)
    proposals.convert_to_letter(proposal=proposal, actor=staff, reason="属个案问题")
    return Letter.objects.get(proposal=proposal)


def test_the_member_lists_their_letters_only(city, staff, api_as):
    mine_user = proposal_factories.make_proposer(committee=city)
    other_user = proposal_factories.make_proposer(committee=city)
    mine = [_letter(city, staff, mine_user, title=f"关于路灯问题{i}的建议") for i in range(2)]
    _letter(city, staff, other_user)
    items = api_as(mine_user).get("/proposals/letters/mine").json()["items"]
    assert [i["id"] for i in items] == [letter.pk for letter in reversed(mine)]
    assert items[0]["state"] == "open" and items[0]["proposal_id"] == mine[-1].proposal_id


def test_the_member_reads_the_letter_with_its_answer(city, staff, api_as):
    # given a letter forwarded to a unit and answered
    author = proposal_factories.make_proposer(committee=city)
    letter = _letter(city, staff, author)
    unit = proposal_factories.unit_of(proposal_factories.make_unit_user(committee=city))
    apply(letter, "forward", staff, unit=unit)
    apply(Letter.objects.get(pk=letter.pk), "answer", staff, reason="路灯已于本周修复")
    # when the proposer reads it
    body = api_as(author).get(f"/proposals/letters/{letter.pk}").json()
    # then
    assert (body["state"], body["unit"], body["answer"]) == (
        "answered",
        unit.name,
        "路灯已于本周修复",
    )
    assert body["reason"] == "属个案问题" and body["answered_on"] is not None


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER, Role.UNIT, Role.RESIDENT])
def test_others_may_not_read_a_letter(city, staff, make_user, api_as, role):
    letter = _letter(city, staff, proposal_factories.make_proposer(committee=city))
    reader = (
        core.make_member(committee=city, with_account=True).user
        if role == Role.MEMBER
        else make_user(role, city)
    )
    assert api_as(reader).get(f"/proposals/letters/{letter.pk}").status_code in (403, 404)


def test_another_committees_office_may_not_read_a_letter(city, county, staff, make_user, api_as):
    letter = _letter(city, staff, proposal_factories.make_proposer(committee=city))
    response = api_as(make_user(Role.STAFF, county)).get(f"/proposals/letters/{letter.pk}")
    assert response.status_code in (403, 404)


def test_the_office_reads_a_letter(city, staff, api_as):
    letter = _letter(city, staff, proposal_factories.make_proposer(committee=city))
    assert api_as(staff).get(f"/proposals/letters/{letter.pk}").status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_my_letters_read_in_the_same_queries_at_any_size(
    city, staff, api_as, django_assert_max_num_queries, count
):
    author = proposal_factories.make_proposer(committee=city)
    for i in range(count):
        _letter(city, staff, author, title=f"关于路灯问题{i}的建议")
    client = api_as(author)
    client.get("/me")  # the token's last-used stamp is fresh
    with django_assert_max_num_queries(MY_LETTERS_QUERIES):
        response = client.get("/proposals/letters/mine", limit=50)
    assert len(response.json()["items"]) == count
