import pytest

from zhengxie.core.models import Committee, Venue
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.grassroots.models import Case, CaseState
from zhengxie.grassroots.selectors import figures, figures_by_place, member_satisfaction
from zhengxie.grassroots.services.backfill import credit_year

STORIES = [
    "洪山镇集镇棚户区改造",
    "郝店镇村组道路柏油路建设",
    "乌龙巷社区老旧小区加装电梯",
    "新农村小区天然气通气",
]


@pytest.mark.django_db
def test_the_city_roll_up_shows_the_reviews_grassroots_figures(demo_world):
    every_committee = list(Committee.objects.values_list("pk", flat=True))
    result = figures(committee_ids=every_committee, year=2022)
    assert result["venues"] == 47
    assert 900 <= result["sessions"] <= 999
    assert 700 <= result["problems_collected"] <= 799
    assert result["livelihood_matters_resolved"] == 682
    assert result["enterprise_difficulties_resolved"] == 55
    assert result["urgent_concerns_resolved"] == 779
    assert result["reported_to_towns"] == 1119
    assert 0.95 < result["satisfaction_rate"] < 1
    by_place = figures_by_place(committee_ids=every_committee, year=2022)
    assert sum(row["sessions"] for row in by_place["by_committee"]) == result["sessions"]


@pytest.mark.django_db
def test_the_four_stories_are_full_cases_and_the_convenor_runs_hongshan(demo_world):
    for title in STORIES:
        case = Case.objects.get(title=title)
        assert case.state == CaseState.CLOSED
        assert case.sessions.exists() and case.actions.exists() and case.ratings.exists()
        assert case.events.count() >= 7
    lifts = Case.objects.get(title=STORIES[2])
    assert lifts.sessions.count() == 3
    assert lifts.sessions.order_by("held_on").first().consensus == ""
    hongshan = Venue.objects.get(committee__code="suixian", town__name="洪山镇")
    assert hongshan.convenor.username == "convenor"
    assert Case.objects.get(title=STORIES[3]).reporter.username == "resident"


@pytest.mark.django_db
def test_the_demo_credits_each_bulk_act_once_and_ratings_feed_member_satisfaction(demo_world):
    # when the year's bulk acts, already credited by the demo, are credited again
    city = Committee.objects.get(code="suizhou")
    again = credit_year(year=2022, committee_ids=[city.pk])
    # then nothing is added and sessions are credited per member present
    assert again == 0
    sessions = figures(committee_ids=[city.pk], year=2022)["sessions"]
    assert DutyRecord.objects.filter(kind=DutyKind.SESSION, committee=city).count() >= 2 * sessions
    member_ids = list(
        DutyRecord.objects.filter(kind=DutyKind.CASE_RESOLVED).values_list("member_id", flat=True)[
            :50
        ]
    )
    rated = member_satisfaction(member_ids=member_ids, year=2022)
    assert sum(r for r, _good in rated.values()) > 0
