import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.activities import selectors
from zhengxie.activities.factories import invite, make_activity
from zhengxie.activities.models import Essay, EssayCall, Outcome
from zhengxie.activities.services.attendance import mark_held, record_attendance_by_staff
from zhengxie.core.factories import make_member


def _held(committee, code, members, present, staff, year=2022):
    start = timezone.make_aware(dt.datetime(year, 3, 10, 9))
    activity = make_activity(committee=committee, code=code, state="notified", starts_at=start)
    invite(activity=activity, members=members)
    for member in present:
        record_attendance_by_staff(actor=staff, activity=activity, member=member)
    mark_held(actor=staff, activity=activity)
    return activity


@pytest.fixture
def world(city, county, staff, make_user):
    from zhengxie.core.models import Role

    county_staff = make_user(Role.STAFF, county)
    a, b, c = (make_member(committee=city) for _ in range(3))
    d = make_member(committee=county)
    _held(city, "thematic", [a, b, c], [a, b], staff)
    _held(city, "study", [a, c], [a], staff)
    _held(city, "joint", [b], [b], staff)
    _held(county, "research", [d], [d], county_staff)
    # a planned activity and last year's do not count
    make_activity(committee=city, code="thematic")
    _held(city, "thematic", [c], [c], staff, year=2021)
    return {"members": (a, b, c, d)}


def test_figures_count_held_activities_by_flag(world, city, county):
    figures = selectors.figures(committee_ids=[city.pk, county.pk], year=2022)

    assert figures["held"] == 4
    assert figures["consultations"] == 1
    assert figures["study_sessions"] == 1
    assert figures["joint_with_upper"] == 1
    assert figures["invitations"] == 7
    # present 5 of 7 settled rows
    assert figures["attendance_rate"] == round(5 / 7, 4)


def test_county_figures_exclude_the_city(world, county):
    figures = selectors.figures(committee_ids=[county.pk], year=2022)

    assert (figures["held"], figures["invitations"]) == (1, 1)


def test_participants_are_members_present_at_least_once(world, city, county):
    # a, b and d: a attended twice and counts once, c was present only in 2021
    assert selectors.count_participants(committee_ids=[city.pk, county.pk], year=2022) == 3


def test_reports_and_essays_are_counted_in_their_year(city):
    common = {"committee": city, "body": "正文", "submitted_to": "government"}
    Outcome.objects.create(
        kind="research", title="调研1", submitted_on=dt.date(2022, 5, 1), **common
    )
    Outcome.objects.create(
        kind="inspection", title="视察1", submitted_on=dt.date(2022, 6, 1), **common
    )
    Outcome.objects.create(
        kind="recommendation", title="建议案", submitted_on=dt.date(2022, 6, 1), **common
    )
    Outcome.objects.create(
        kind="research", title="作废", submitted_on=dt.date(2022, 6, 1), is_deleted=True, **common
    )
    call = EssayCall.objects.create(committee=city, title="征文", deadline=dt.date(2022, 9, 1))
    Essay.objects.create(
        committee=city,
        call=call,
        member=make_member(committee=city),
        title="文",
        body="正文",
        submitted_on=dt.date(2022, 8, 1),
    )

    figures = selectors.figures(committee_ids=[city.pk], year=2022)

    assert (figures["research_inspection_reports"], figures["essays"]) == (2, 1)
