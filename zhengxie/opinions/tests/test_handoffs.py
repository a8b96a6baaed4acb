"""逐级报送: a county report handed up to the city and on to the province, each level deciding
on its own report, the word flowing back to the original and each level counting once."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhengxie.core.models import Notification
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.opinions import selectors, services
from zhengxie.opinions.factories import make_adopted_report, make_author, make_office, make_report
from zhengxie.opinions.models import OpinionReport, OpinionState


@pytest.fixture
def county_author(county):
    return make_author(committee=county)


@pytest.fixture
def province_office(province):
    return make_office(committee=province)


@pytest.fixture
def county_adopted(county_author, county_office):
    return make_adopted_report(author=county_author, office=county_office)


def _adopt(report, office):
    return services.apply_action(report=report, actor=office, action="adopt", mode="single")


def test_a_handed_up_report_arrives_in_the_city_queue_linked_to_the_original(
    county_adopted, county_office, office, city
):
    handed = services.hand_off_report(report=county_adopted, actor=county_office, note="请审阅")

    assert handed.committee == city
    assert handed.state == OpinionState.SUBMITTED
    assert handed.escalated_from == county_adopted
    queue = selectors.list_queue(user=office, committee_ids=[city.pk])
    assert list(queue) == [handed]
    county_adopted.refresh_from_db()
    assert city.display_name in county_adopted.upper_decision
    reasons = list(county_adopted.history.values_list("history_change_reason", flat=True))
    assert any(city.display_name in (reason or "") for reason in reasons)


def test_each_level_decides_and_the_original_hears_and_credits_once_per_level(
    county_adopted,
    county_author,
    county_office,
    office,
    province_office,
    province,
    city,
    county,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        at_city = services.hand_off_report(report=county_adopted, actor=county_office)
        at_city = _adopt(at_city, office)
        at_province = services.hand_off_report(report=at_city, actor=office)
        at_province = _adopt(at_province, province_office)

    assert at_province.escalated_from == at_city
    county_adopted.refresh_from_db()
    assert province.display_name in county_adopted.upper_decision
    assert str(OpinionState.ADOPTED.label) in county_adopted.upper_decision
    assert [r.committee for r in selectors.list_upper_handling(report=county_adopted)] == [
        city,
        province,
    ]
    credits = DutyRecord.objects.filter(member=county_author, kind=DutyKind.OPINION_ADOPTED)
    assert sorted(credits.values_list("role", flat=True)) == sorted(
        ["single", city.level, province.level]
    )
    assert set(credits.values_list("committee_id", flat=True)) == {county.pk}
    assert (
        not DutyRecord.objects.filter(member=county_author, kind=DutyKind.OPINION_SUBMITTED)
        .exclude(source_id=county_adopted.pk)
        .exists()
    )
    titles = Notification.objects.filter(recipient=county_author.user).values_list(
        "title", flat=True
    )
    assert any(province.display_name in title for title in titles)


def test_every_committee_counts_only_its_own_reports(
    county_adopted, county_office, office, province_office, province, city, county
):
    at_city = _adopt(services.hand_off_report(report=county_adopted, actor=county_office), office)
    _adopt(services.hand_off_report(report=at_city, actor=office), province_office)
    year = county_adopted.submitted_at.year

    def own(committee):
        return selectors.figures(committee_ids=[committee.pk], year=year)

    for committee, escalated in ((county, 1), (city, 1), (province, 0)):
        figures = own(committee)
        assert (figures["submitted"], figures["adopted"], figures["escalated"]) == (1, 1, escalated)
    whole = selectors.figures(committee_ids=[province.pk, city.pk, county.pk], year=year)
    assert (whole["submitted"], whole["adopted"], whole["escalated"]) == (1, 1, 1)


def test_a_decline_above_flows_back_without_credit(
    county_adopted, county_author, county_office, office, city, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        at_city = services.hand_off_report(report=county_adopted, actor=county_office)
        services.apply_action(report=at_city, actor=office, action="decline", comment="已有同类")

    county_adopted.refresh_from_db()
    assert str(OpinionState.DECLINED.label) in county_adopted.upper_decision
    assert (
        DutyRecord.objects.filter(member=county_author, kind=DutyKind.OPINION_ADOPTED).count() == 1
    )
    notice = Notification.objects.filter(recipient=county_author.user).latest("pk")
    assert city.display_name in notice.title and notice.body == "已有同类"


def test_who_may_hand_off(county_adopted, county_author, county_office, office, author, city):
    with pytest.raises(PermissionDenied):  # the member author
        services.hand_off_report(report=county_adopted, actor=county_author.user)
    with pytest.raises(PermissionDenied):  # the city's office, over a county's report
        services.hand_off_report(report=county_adopted, actor=office)
    submitted = make_report(author=county_author)
    with pytest.raises(PermissionDenied):  # not adopted
        services.hand_off_report(report=submitted, actor=county_office)
    services.hand_off_report(report=county_adopted, actor=county_office)
    with pytest.raises(ValidationError):  # once only
        services.hand_off_report(report=county_adopted, actor=county_office)
    city_report = make_adopted_report(author=author, office=office)
    with pytest.raises(ValidationError):  # no committee above the city on the platform
        services.hand_off_report(report=city_report, actor=office)
    assert OpinionReport.objects.filter(escalated_from__isnull=False).count() == 1


def test_only_the_upper_office_decides_the_handed_up_report(county_adopted, county_office, office):
    at_city = services.hand_off_report(report=county_adopted, actor=county_office)
    with pytest.raises(PermissionDenied):
        services.apply_action(report=at_city, actor=county_office, action="adopt", mode="single")
    assert _adopt(at_city, office).state == OpinionState.ADOPTED


def test_a_provincial_escalation_is_a_hand_off_once_the_province_is_on_the_platform(
    author, office, province
):
    report = make_adopted_report(author=author, office=office)
    with pytest.raises(ValidationError):
        services.escalate_report(
            report=report, actor=office, level="provincial", sent_on=dt.date.today()
        )
    services.escalate_report(report=report, actor=office, level="city", sent_on=dt.date.today())
    assert report.escalations.count() == 1


def test_the_pages_show_the_hand_off_both_ways(
    client, county_adopted, county_author, county_office, office, city
):
    client.force_login(county_office)
    response = client.post(reverse("opinions:hand_off", args=[county_adopted.pk]), {"note": ""})
    assert response.status_code == 302
    at_city = OpinionReport.objects.get(escalated_from=county_adopted)

    client.force_login(county_author.user)
    page = client.get(reverse("opinions:detail", args=[county_adopted.pk])).content.decode()
    assert 'data-testid="upper-handling"' in page and city.display_name in page
    client.force_login(office)
    page = client.get(reverse("opinions:detail", args=[at_city.pk])).content.decode()
    assert reverse("opinions:detail", args=[county_adopted.pk]) in page
