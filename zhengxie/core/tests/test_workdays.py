import datetime as dt

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.models import CalendarDay, Role
from zhengxie.core.workdays import (
    LAST_YEAR,
    add_months,
    add_working_days,
    schedule_gaps,
    working_days_between,
)

UNCOVERED = dt.date(LAST_YEAR + 1, 6, 1)


def test_add_working_days_skips_weekends(db):
    friday = dt.date(2022, 3, 4)

    assert add_working_days(friday, 1) == dt.date(2022, 3, 7)
    assert add_working_days(friday, 5) == dt.date(2022, 3, 11)


def test_national_day_2022_follows_the_national_schedule(db):
    # 1–7 October 2022 were holidays, Saturday 8 and Sunday 9 October working days (调休)
    assert add_working_days(dt.date(2022, 9, 30), 5) == dt.date(2022, 10, 12)
    assert working_days_between(dt.date(2022, 9, 30), dt.date(2022, 10, 12)) == 5


def test_qingming_2022_needs_no_rows(db):
    # 清明 2022: 3–5 April off, Saturday 2 April a workday, all from the national schedule
    assert add_working_days(dt.date(2022, 4, 1), 2) == dt.date(2022, 4, 6)


def test_the_offices_rows_override_the_national_schedule(db, city):
    # given: the office gives 6 April 2022 off for every committee
    CalendarDay.objects.create(date=dt.date(2022, 4, 6), is_workday=False, note="机关调整")
    # then: the deadline moves a day for every committee
    assert add_working_days(dt.date(2022, 4, 1), 2) == dt.date(2022, 4, 7)
    assert add_working_days(dt.date(2022, 4, 1), 2, committee_id=city.pk) == dt.date(2022, 4, 7)


def test_a_committees_own_days_count_only_for_it(db, city, county):
    # given: the county works on Sunday 3 April 2022, the office took 6 April off everywhere,
    # and the county keeps 6 April a workday
    CalendarDay.objects.create(committee=county, date=dt.date(2022, 4, 3), is_workday=True)
    CalendarDay.objects.create(date=dt.date(2022, 4, 6), is_workday=False)
    CalendarDay.objects.create(committee=county, date=dt.date(2022, 4, 6), is_workday=True)
    # when
    start = dt.date(2022, 4, 1)
    # then: Saturday 2 April (national) and the county's Sunday count for the county
    assert add_working_days(start, 2, committee_id=county.pk) == dt.date(2022, 4, 3)
    assert add_working_days(start, 3, committee_id=county.pk) == dt.date(2022, 4, 6)
    assert add_working_days(start, 2, committee_id=city.pk) == dt.date(2022, 4, 7)


def test_the_command_adds_working_days(db, capsys):
    call_command("workdays", "add", "2022-09-30", "5")
    out = capsys.readouterr()
    assert out.out.strip() == "2022-10-12"
    assert out.err == ""


def test_the_command_warns_of_a_year_the_library_does_not_cover(db, capsys):
    call_command("workdays", "add", UNCOVERED.isoformat(), "3")
    assert f"{UNCOVERED.year} 年" in capsys.readouterr().err


def test_an_uncovered_year_counts_weekdays_and_the_offices_rows(db):
    # given: a Monday in a year without a national schedule, made a holiday by the office
    monday = UNCOVERED + dt.timedelta(days=(7 - UNCOVERED.weekday()) % 7)
    CalendarDay.objects.create(date=monday, is_workday=False)
    # then
    assert add_working_days(monday - dt.timedelta(days=3), 1) == monday + dt.timedelta(days=1)
    assert schedule_gaps(UNCOVERED) == [UNCOVERED.year, UNCOVERED.year + 1]
    assert schedule_gaps(dt.date(2022, 3, 1)) == []


@pytest.mark.parametrize(("today", "warned"), [(UNCOVERED, True), (dt.date(2022, 3, 1), False)])
def test_staff_are_warned_of_an_uncovered_year(client, staff, monkeypatch, today, warned):
    monkeypatch.setattr(timezone, "localdate", lambda *args: today)
    client.force_login(staff)
    page = client.get(reverse("core:home")).content.decode()
    assert ('data-testid="schedule-gap"' in page) is warned
    deploy_checks = run_checks(include_deployment_checks=True)
    assert any(m.id == "zhengxie.W005" for m in deploy_checks) is warned


def test_members_see_no_calendar_warning(client, city, make_user, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: UNCOVERED)
    client.force_login(make_user(Role.MEMBER, city))
    assert 'data-testid="schedule-gap"' not in client.get(reverse("core:home")).content.decode()


def test_working_days_between_counts_both_ways(db):
    assert working_days_between(dt.date(2022, 3, 4), dt.date(2022, 3, 11)) == 5
    assert working_days_between(dt.date(2022, 3, 11), dt.date(2022, 3, 4)) == -5


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2022, 11, 30), 3) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2022, 3, 15), 6) == dt.date(2022, 9, 15)
