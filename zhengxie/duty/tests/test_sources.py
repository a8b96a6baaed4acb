"""What other apps provide: residents' ratings from grassroots, cards on 我的履职. Both are
registered explicitly, and a missing or failing provider is an error, never an empty card."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from zhengxie.core.factories import make_member
from zhengxie.duty import providers
from zhengxie.duty.factories import credit
from zhengxie.duty.models import DutyKind, YearBalance
from zhengxie.duty.selectors.member import member_sections, member_year
from zhengxie.duty.services.recompute import publish_year, recompute_year


@pytest.fixture
def grassroots_ratings(monkeypatch):
    """A stand-in for the registered ratings source, with the agreed signature."""
    ratings: dict[int, tuple[int, int]] = {}

    def source(*, member_ids, year):
        return {m: ratings[m] for m in member_ids if m in ratings}

    monkeypatch.setattr(providers, "_ratings", [source])
    return ratings


def test_residents_ratings_feed_satisfaction(city, grassroots_ratings):
    rated, unrated = make_member(committee=city), make_member(committee=city)
    grassroots_ratings[rated.pk] = (8, 6)
    recompute_year(committee=city, year=2022)
    assert YearBalance.objects.get(member=rated).satisfaction == Decimal("75.0")
    assert YearBalance.objects.get(member=unrated).satisfaction is None


def test_the_grassroots_app_is_the_registered_ratings_source():
    from zhengxie.grassroots.selectors import member_satisfaction

    assert providers.ratings_source() is member_satisfaction


def test_without_a_ratings_source_the_year_refuses_to_compute(city, monkeypatch):
    # given no app registered residents' ratings
    monkeypatch.setattr(providers, "_ratings", [])
    make_member(committee=city)
    # when / then: an error, not a year where nobody has ratings
    with pytest.raises(ImproperlyConfigured):
        recompute_year(committee=city, year=2022)


def test_my_page_has_the_three_cards_of_the_apps_in_order():
    sections = providers.registered_sections()
    assert [section.key for section in sections] == ["upcoming", "cosign", "feedback"]
    assert [section.provider.__module__ for section in sections] == [
        "zhengxie.activities.selectors",
        "zhengxie.proposals.selectors.awaiting",
        "zhengxie.proposals.selectors.awaiting",
    ]


def test_a_provider_that_fails_fails_the_page_instead_of_an_empty_card(city, monkeypatch):
    # given a registered card whose provider breaks
    def broken(*, member):
        raise LookupError("provider broke")

    monkeypatch.setattr(providers, "_sections", {})
    providers.register_section(key="upcoming", title="近期活动", provider=broken, order=10)
    # when / then
    with pytest.raises(LookupError):
        member_sections(member=make_member(committee=city))


def test_a_second_provider_for_a_taken_card_is_refused(monkeypatch):
    monkeypatch.setattr(providers, "_sections", dict(providers._sections))
    with pytest.raises(ImproperlyConfigured):
        providers.register_section(
            key="cosign", title="待确认的联名提案", provider=lambda *, member: [], order=20
        )


def test_my_page_reads_a_published_year_from_its_snapshot(city, staff):
    member = make_member(committee=city)
    credit(member=member, kind=DutyKind.REPORT)
    publish_year(actor=staff, committee=city, year=2022)
    credit(member=member, kind=DutyKind.REPORT)  # a late credit after publication
    page = member_year(member=member, year=2022)
    assert page.published is True
    assert page.figures["points"] == Decimal(10)
    assert len(page.acts) == 2
