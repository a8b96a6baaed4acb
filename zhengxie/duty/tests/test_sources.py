"""The pluggable sources: residents' ratings from grassroots, sections from other apps."""

import sys
import types
from decimal import Decimal

import pytest

from zhengxie.core.factories import make_member
from zhengxie.duty.factories import credit
from zhengxie.duty.models import DutyKind, YearBalance
from zhengxie.duty.selectors import member as member_selectors
from zhengxie.duty.selectors.member import member_sections, member_year
from zhengxie.duty.services.recompute import publish_year, recompute_year


@pytest.fixture
def grassroots_ratings(monkeypatch):
    """A stand-in for zhengxie.grassroots.selectors with the agreed signature."""
    ratings: dict[int, tuple[int, int]] = {}
    module = types.ModuleType("zhengxie.grassroots.selectors")
    module.member_satisfaction = lambda *, member_ids, year: {
        m: ratings[m] for m in member_ids if m in ratings
    }
    monkeypatch.setitem(sys.modules, "zhengxie.grassroots.selectors", module)
    return ratings


def test_residents_ratings_feed_satisfaction(city, grassroots_ratings):
    rated, unrated = make_member(committee=city), make_member(committee=city)
    grassroots_ratings[rated.pk] = (8, 6)
    recompute_year(committee=city, year=2022)
    assert YearBalance.objects.get(member=rated).satisfaction == Decimal("75.0")
    assert YearBalance.objects.get(member=unrated).satisfaction is None


def test_without_the_grassroots_selector_nobody_has_ratings(city, monkeypatch):
    monkeypatch.setitem(sys.modules, "zhengxie.grassroots.selectors", None)
    member = make_member(committee=city)
    recompute_year(committee=city, year=2022)
    assert YearBalance.objects.get(member=member).satisfaction is None


def test_sections_come_from_installed_providers_only(city, monkeypatch):
    member = make_member(committee=city)
    module = types.ModuleType("duty_test_provider")
    module.upcoming = lambda *, member: [
        {"title": "香菇产业调研", "url": "/a/1/", "when": "6月1日"}
    ]
    monkeypatch.setitem(sys.modules, "duty_test_provider", module)
    monkeypatch.setattr(
        member_selectors,
        "SECTIONS",
        [
            ("upcoming", "近期活动", "duty_test_provider", "upcoming"),
            ("cosign", "待确认的联名提案", "duty_test_provider", "absent_function"),
            ("feedback", "待反馈", "zhengxie.no_such_app.selectors", "feedback"),
        ],
    )
    sections = member_sections(member=member)
    assert [s["key"] for s in sections] == ["upcoming"]
    assert sections[0]["items"][0]["title"] == "香菇产业调研"


def test_my_page_reads_a_published_year_from_its_snapshot(city, staff):
    member = make_member(committee=city)
    credit(member=member, kind=DutyKind.REPORT)
    publish_year(actor=staff, committee=city, year=2022)
    credit(member=member, kind=DutyKind.REPORT)  # a late credit after publication
    page = member_year(member=member, year=2022)
    assert page.published is True
    assert page.figures["points"] == Decimal(10)
    assert len(page.acts) == 2
