from decimal import Decimal

import pytest

from zhengxie.duty.engine import Evaluation, RuleBook, evaluate, five_ones, score_points
from zhengxie.duty.loading import get_evaluation, get_rulebook
from zhengxie.duty.models import PointsScheme
from zhengxie.duty.services.rules import ensure_rules


@pytest.fixture
def minhang(city) -> RuleBook:
    ensure_rules(committee=city)
    return get_rulebook(city.pk)


@pytest.fixture
def anqing(city) -> RuleBook:
    ensure_rules(committee=city)
    PointsScheme.objects.filter(committee=city).update(is_active=False)
    PointsScheme.objects.filter(committee=city, code="anqing").update(is_active=True)
    return get_rulebook(city.pk)


def test_minhang_adds_points_per_act(minhang):
    # given two ordinary activities, one plenary half-day and one training
    counts = {
        ("attendance", "research"): 2,
        ("attendance", "plenary"): 1,
        ("attendance", "study"): 1,
    }
    # when
    total, breakdown = score_points(minhang, counts)
    # then 5 + 5 + 5 + 10
    assert total == Decimal(25)
    assert breakdown == {"attendance": 25.0}


def test_minhang_counts_proposals_once_a_year_at_the_highest_role(minhang):
    # given a first-proposer proposal, two more, and three co-signatures
    counts = {("proposal", "first"): 3, ("proposal", "cosigner"): 3}
    # when
    total, breakdown = score_points(minhang, counts)
    # then the group takes the best capped rule: 15, not 45 + 9
    assert total == Decimal(15)
    assert breakdown == {"proposal": 15.0}


def test_co_signatures_alone_earn_the_participant_points(minhang):
    total, _ = score_points(minhang, {("proposal", "cosigner"): 4})
    assert total == Decimal(3)


def test_annual_cap_limits_one_rule(minhang):
    # contact records: 1 point each, at most 10 a year
    total, _ = score_points(minhang, {("contact", ""): 25, ("opinion_submitted", ""): 2})
    assert total == Decimal(10 + 6)


def test_reversed_acts_earn_nothing(minhang):
    total, breakdown = score_points(minhang, {("attendance", "research"): 0})
    assert total == 0 and breakdown == {}


def test_anqing_starts_meetings_at_fifty_and_deducts_to_zero(anqing):
    # given one plenary absence (-10) and one other absence (-5)
    total, breakdown = score_points(anqing, {("absence", "plenary"): 1, ("absence", "standing"): 1})
    assert total == Decimal(35)
    assert breakdown["base:参加政协会议"] == 50.0 and breakdown["absence"] == -15.0
    # and nine absences cannot go below zero
    total, breakdown = score_points(anqing, {("absence", "plenary"): 9})
    assert total == Decimal(0)
    assert sum(breakdown.values()) == 0


def test_anqing_full_marks_need_meetings_a_proposal_and_other_duty(anqing):
    counts = {("proposal", "first"): 2, ("opinion_submitted", ""): 3, ("report", ""): 2}
    total, breakdown = score_points(anqing, counts)
    # 50 + 30 + min(25, 20)
    assert total == Decimal(100)
    assert sum(Decimal(str(v)) for v in breakdown.values()) == total


def test_five_ones_follow_the_configured_acts(minhang):
    counts = {
        ("proposal", "cosigner"): 1,
        ("attendance", "inspection"): 1,
        ("session", ""): 1,
        ("opinion_submitted", ""): 1,
    }
    done = five_ones(minhang, counts)
    assert done == {
        "proposal": True,
        "research": True,
        "consultation": True,
        "opinion": True,
        "deed": False,
    }
    counts[("case_resolved", "")] = 1
    assert all(five_ones(minhang, counts).values())


def test_three_highs_skip_satisfaction_when_nobody_rated(city, minhang):
    conf = get_evaluation(city.pk)
    # given 100 points (quality 100) and no recognition (reputation base 60)
    counts = {("attendance", "research"): 20}
    unrated = evaluate(minhang, conf, counts, rating=None, recognised={})
    rated = evaluate(minhang, conf, counts, rating=(10, 5), recognised={"honour": 1})
    # then unrated: (100*60 + 60*20) / 80 = 90; rated: (6000 + 50*20 + 80*20) / 100 = 86
    assert (unrated["score"], unrated["grade"]) == (Decimal("90.0"), "excellent")
    assert (rated["satisfaction"], rated["reputation"]) == (Decimal("50.0"), Decimal("80.0"))
    assert (rated["score"], rated["grade"]) == (Decimal("86.0"), "good")


@pytest.mark.parametrize(
    ("score", "grade"),
    [(95, "excellent"), (90, "excellent"), (89.9, "good"), (60, "competent"), (59, "incompetent")],
)
def test_grade_bands(score, grade):
    conf = Evaluation(
        weights={},
        bands=[["excellent", 90], ["good", 80], ["competent", 60], ["incompetent", 0]],
        reputation={},
        warning_line=Decimal(70),
    )
    assert conf.grade(Decimal(str(score))) == grade
