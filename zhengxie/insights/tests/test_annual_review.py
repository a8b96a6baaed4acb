"""The seed's 2022 figures, computed from the demo world's records."""

import io
import json

import pytest
from django.core.management import call_command


def _review(*flags: str) -> dict:
    out = io.StringIO()
    call_command(
        "annual_review", "--committee", "suizhou", "--year", "2022", "--json", *flags, stdout=out
    )
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def demo_review(demo_world, django_db_blocker):
    with django_db_blocker.unblock():
        return _review(), _review("--no-rollup")


def test_members_figures_match_the_review(demo_review):
    review, _own = demo_review
    members = review["members"]

    assert members["total"] == 1119
    assert members["reported_to_towns"] == 1119
    assert 0.90 < members["participation_rate"] < 1.0


def test_proposal_figures_match_the_review(demo_review):
    proposals = demo_review[0]["proposals"]

    assert proposals["registered"] == 170
    assert proposals["replied"] == 170
    assert proposals["reply_rate"] == 1.0
    assert proposals["key"]["city_leaders"] == 14
    assert proposals["key"]["chair_members"] == 9


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
