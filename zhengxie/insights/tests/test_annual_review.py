"""The seed's 2022 figures, computed from the demo world's records."""

import io
import json

import pytest
from django.core.management import call_command

COUNTIES = ("zengdu", "suixian", "guangshui")


def _review(*flags: str, committee: str = "suizhou") -> dict:
    out = io.StringIO()
    call_command(
        "annual_review", "--committee", committee, "--year", "2022", "--json", *flags, stdout=out
    )
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def demo_review(demo_world, django_db_blocker):
    with django_db_blocker.unblock():
        return _review(), _review("--no-rollup")


@pytest.fixture(scope="module")
def county_reviews(demo_world, django_db_blocker):
    with django_db_blocker.unblock():
        return [_review(committee=code) for code in COUNTIES]


def test_members_figures_match_the_review(demo_review):
    review, _own = demo_review
    members = review["members"]

    assert members["total"] == 1119
    assert members["reported_to_towns"] == 1119
    assert 0.90 < members["participation_rate"] < 1.0


def test_the_city_committees_own_proposals_are_the_reviews_170(demo_review):
    # The review's 170 are the city committee's own register (its first plenary, 2022).
    proposals = demo_review[1]["proposals"]

    assert proposals["registered"] == 170
    assert proposals["replied"] == 170
    assert proposals["reply_rate"] == 1.0
    assert proposals["key"]["city_leaders"] == 14
    assert proposals["key"]["chair_members"] == 9


def test_county_proposals_count_for_their_counties_in_2022_and_the_city_scope_sums_them(
    demo_review, county_reviews
):
    # Each county's 2022 register belongs to the county committee; the city-with-counties
    # scope shows the city's own 170 plus the counties'.
    review, own = demo_review
    counties = [county["proposals"] for county in county_reviews]

    assert all(county["registered"] > 0 for county in counties)
    for key in ("registered", "replied"):
        assert review["proposals"][key] == own["proposals"][key] + sum(c[key] for c in counties)
    assert review["proposals"]["reply_rate"] == 1.0
    for key in ("city_leaders", "chair_members"):
        assert review["proposals"]["key"][key] == own["proposals"]["key"][key] + sum(
            c["key"][key] for c in counties
        )


def test_the_five_ones_rate_is_where_a_working_committees_lands(demo_review, county_reviews):
    # Every act behind it went through the services: no member is topped up.
    for review in (demo_review[0], demo_review[1], *county_reviews):
        assert 0.40 <= review["members"]["five_ones_completion_rate"] <= 0.70


def test_grassroots_figures_match_the_review(demo_review):
    grassroots = demo_review[0]["grassroots"]

    assert grassroots["venues"] == 47
    assert 900 <= grassroots["sessions"] <= 999
    assert 700 <= grassroots["problems_collected"] <= 799
    assert grassroots["livelihood_matters_resolved"] == 682
    assert grassroots["enterprise_difficulties_resolved"] == 55
    assert grassroots["urgent_concerns_resolved"] == 779


def test_activity_figures_and_honours_match_the_review(demo_review):
    review = demo_review[0]
    activities = review["activities"]

    assert 20 <= activities["research_inspection_reports"] <= 29
    assert 60 <= activities["study_sessions"] <= 69
    assert activities["essays"] == 29
    assert activities["joint_with_upper"] == 17
    assert review["honours"]["provincial_excellent_members"] == 3


def test_every_count_is_an_integer_and_every_rate_a_fraction(demo_review):
    def walk(value, key=""):
        if isinstance(value, dict):
            for inner_key, inner in value.items():
                walk(inner, inner_key)
        elif key.endswith("_rate"):
            assert isinstance(value, float | int) and 0 <= value <= 1, key
        elif isinstance(value, float):
            pytest.fail(f"{key} is a float but not a rate")

    walk(demo_review[0])


def test_no_rollup_counts_the_city_committee_alone(demo_review):
    review, own = demo_review

    assert own["rollup"] is False
    assert own["members"]["total"] < review["members"]["total"]
    assert own["grassroots"]["venues"] < review["grassroots"]["venues"]


def test_the_demos_2021_gives_the_year_on_year_a_real_previous_year(demo_world, db):
    # given the demo's lighter 2021 (the fourth term's last year), built through the services
    from zhengxie.core import demo_2021
    from zhengxie.core.models import Committee
    from zhengxie.insights.review import NO_PREVIOUS, year_on_year
    from zhengxie.insights.selectors import compute_annual_figures

    city = Committee.objects.get(code="suizhou")
    before = compute_annual_figures(committee=city, year=2021)
    now = compute_annual_figures(committee=city, year=2022)
    # when the review compares the two years
    rows = {row[0]: row[1:] for row in year_on_year(now, before).rows}
    # then the previous year's figures are the 2021 plan's, not blanks
    plans = demo_2021.CITY_PLAN.registered + 3 * demo_2021.COUNTY_PLAN.registered
    assert rows["立案提案"][0] == str(plans)
    assert before["proposals"]["replied"] == plans
    assert rows["履职活动"][0] not in (NO_PREVIOUS, "0")
    assert before["activities"]["research_inspection_reports"] == sum(
        reports for reports, _c, _s in demo_2021.VOLUMES.values()
    )


def test_the_demos_2021_opinions_and_grassroots_are_a_lighter_year_than_2022(demo_world, db):
    # given the demo's 2021, whose reports and cases went through the services dated 2021
    from zhengxie.core import demo_2021
    from zhengxie.core.models import Committee, Venue
    from zhengxie.insights.review import NO_PREVIOUS, year_on_year
    from zhengxie.insights.selectors import compute_annual_figures

    city = Committee.objects.get(code="suizhou")
    before = compute_annual_figures(committee=city, year=2021)
    now = compute_annual_figures(committee=city, year=2022)
    # when the review compares the two years
    rows = {row[0]: row[1:] for row in year_on_year(now, before).rows}
    # then each opinion and grassroots figure has a previous year, above nothing and below 2022
    for label in ("报送社情民意", "采用社情民意", "被上级采用", "领导批示", "一线协商活动"):
        assert rows[label][0] not in (NO_PREVIOUS, "0"), label
    for section, key in (
        ("opinions", "submitted"),
        ("opinions", "adopted"),
        ("opinions", "escalated"),
        ("opinions", "instructions"),
        ("grassroots", "sessions"),
    ):
        assert 0 < before[section][key] < now[section][key], (section, key)
    # and the cases are the 2021 plan's: one per venue, most of them resolved
    assert before["grassroots"]["sessions"] == Venue.objects.count() * (
        demo_2021.CASES.cases_per_venue
    )
    resolved = sum(
        before["grassroots"][key]
        for key in (
            "livelihood_matters_resolved",
            "enterprise_difficulties_resolved",
            "urgent_concerns_resolved",
        )
    )
    venues = [Venue.objects.filter(committee=c).count() for c in Committee.objects.all()]
    plan = demo_2021.CASES
    assert resolved == sum(n - round(n * plan.open_share) for n in venues)
