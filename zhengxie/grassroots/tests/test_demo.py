import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType

from zhengxie.core.models import Committee, Venue
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.grassroots import demo_volume
from zhengxie.grassroots.models import RESOLVED_STATES, Case, CaseEvent, CaseState, Rating
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
    assert result["sessions"] == 950
    assert result["problems_collected"] == 750
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
def test_the_demo_credits_each_act_once_and_ratings_feed_member_satisfaction(demo_world):
    # when the year's acts, credited by the services as the demo made them, are credited again
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


@pytest.mark.django_db
def test_the_figures_come_out_of_the_plan_and_the_stories(demo_world):
    # the plan's inputs plus the four stories (3 livelihood, 1 urgent, 2 visits, 6 sessions)
    every_committee = list(Committee.objects.values_list("pk", flat=True))
    result = figures(committee_ids=every_committee, year=2022)
    plan = demo_volume.RESOLVE
    assert result["livelihood_matters_resolved"] == plan["livelihood"] + 3
    assert result["enterprise_difficulties_resolved"] == plan["enterprise"]
    assert result["urgent_concerns_resolved"] == plan["urgent"] + 1
    assert result["sessions"] == demo_volume.SESSIONS + 6
    visits = demo_volume.RESOLVED_FROM_VISITS + demo_volume.OPEN_VISITS + 2
    assert result["problems_collected"] == visits


STEPS = {
    CaseState.RESOLVED: ["raise", "accept", "consult", "agree_action", "action_done", "resolve"],
}
STEPS[CaseState.RATED] = [*STEPS[CaseState.RESOLVED], "rate"]
STEPS[CaseState.CLOSED] = [*STEPS[CaseState.RATED], "close"]


@pytest.mark.django_db
def test_every_resolved_demo_case_went_through_the_workflow_step_by_step(demo_world):
    # given the year's resolved cases, the volume's and the stories'
    resolved = list(
        Case.objects.filter(state__in=RESOLVED_STATES, resolved_on__year=2022).order_by("pk")
    )
    assert len(resolved) == 682 + 55 + 779
    ids = [c.pk for c in resolved]
    events, history, credits, raters = (defaultdict(list) for _ in range(4))
    for case_id, action in (
        CaseEvent.objects.filter(case_id__in=ids)
        .values_list("case_id", "action")
        .order_by("occurred_on", "id")
    ):
        events[case_id].append(action)
    for case_id, reason in Case.history.filter(id__in=ids).values_list(
        "id", "history_change_reason"
    ):
        history[case_id].append(reason)
    case_type = ContentType.objects.get_for_model(Case)
    for source_id, on, sign in DutyRecord.objects.filter(
        kind=DutyKind.CASE_RESOLVED, source_type=case_type, source_id__in=ids
    ).values_list("source_id", "occurred_on", "sign"):
        credits[source_id].append((on, sign))
    for case_id, rater_id in Rating.objects.filter(case_id__in=ids).values_list(
        "case_id", "rater_id"
    ):
        raters[case_id].append(rater_id)
    for case in resolved:
        # then each has the timeline row of every step, in order (a multi-session case has
        # extra rows between them) ...
        steps = iter(events[case.pk])
        assert all(step in steps for step in STEPS[case.state]), (case.title, events[case.pk])
        # ... one history row for its creation and one for each step the engine took ...
        assert len(history[case.pk]) >= len(STEPS[case.state]) - 1, case.title
        # ... a duty credit the service made on the day it was resolved ...
        assert credits[case.pk] and {on for on, _s in credits[case.pk]} == {case.resolved_on}
        # ... and a rating by the person who recorded it, when it was rated
        if case.state != CaseState.RESOLVED:
            assert raters[case.pk] and None not in raters[case.pk], case.title


@pytest.mark.django_db
def test_the_reopened_demo_cases_lost_their_resolution_credit(demo_world):
    reopened = list(Case.objects.filter(reopen_count__gt=0, raised_on__year=2022))
    assert len(reopened) == demo_volume.REOPENED
    case_type = ContentType.objects.get_for_model(Case)
    for case in reopened:
        assert case.state == CaseState.CONSULTING and case.resolved_on is None
        assert case.events.filter(action="reopen").exists()
        assert case.ratings.get().value == "unsatisfied"
        rows = DutyRecord.objects.filter(
            kind=DutyKind.CASE_RESOLVED, source_type=case_type, source_id=case.pk
        )
        # credited when it was resolved, and reversed when it was rated 不满意
        assert rows.filter(sign=1).exists()
        assert sum(rows.values_list("sign", flat=True)) == 0


GRASSROOTS = Path(demo_volume.__file__).parent
PAST_A_SERVICE = re.compile(r"bulk_create|bulk_update|\.objects\.create\(|\.update\(|\.save\(")


def test_the_grassroots_demo_makes_nothing_past_a_service():
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(GRASSROOTS.glob("demo*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PAST_A_SERVICE.search(line)
    ]
    assert offenders == []
