"""Working-day arithmetic for deadlines.

The national schedule (public holidays and the weekends made workdays, 调休) comes from the
`chinesecalendar` library, which follows the State Council's yearly notice. CalendarDay rows
sit on top: rows without a committee are the office's corrections for every committee, rows
with one are that committee's own extra days off or workdays, and they win over both. A year
the library does not cover yet falls back to Monday–Friday plus those rows, and
`uncovered_years` lets every page and `manage.py check` say so."""

import calendar
import datetime as dt

import chinese_calendar
from chinese_calendar.constants import holidays as _national_holidays
from django.db.models import Q

from .models import CalendarDay

FIRST_YEAR = min(_national_holidays).year
LAST_YEAR = max(_national_holidays).year


def is_covered(year: int) -> bool:
    """Whether the national holiday schedule of the year is known."""
    return FIRST_YEAR <= year <= LAST_YEAR


def uncovered_years(start: dt.date, end: dt.date) -> list[int]:
    """The years between the two dates whose national schedule is not known yet."""
    return [year for year in range(start.year, end.year + 1) if not is_covered(year)]


def _exceptions(start: dt.date, end: dt.date, committee_id: int | None) -> dict[dt.date, bool]:
    """The overrides in the range: the committee's own rows win over the office's."""
    rows = CalendarDay.objects.filter(date__range=(start, end))
    rows = rows.filter(Q(committee__isnull=True) | Q(committee_id=committee_id))
    ordered = sorted(
        rows.values_list("date", "is_workday", "committee_id"), key=lambda r: bool(r[2])
    )
    return {day: is_workday for day, is_workday, _ in ordered}


def _national(day: dt.date) -> bool:
    if is_covered(day.year):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def is_working_day(
    day: dt.date,
    exceptions: dict[dt.date, bool] | None = None,
    *,
    committee_id: int | None = None,
) -> bool:
    exceptions = _exceptions(day, day, committee_id) if exceptions is None else exceptions
    return exceptions[day] if day in exceptions else _national(day)


def add_working_days(start: dt.date, days: int, *, committee_id: int | None = None) -> dt.date:
    """The date `days` working days after `start` (start itself does not count)."""
    horizon = start + dt.timedelta(days=days * 2 + 30)
    exceptions = _exceptions(start, horizon, committee_id)
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, exceptions):
            left -= 1
    return day


def counting_back(end: dt.date, days: int, *, committee_id: int | None = None) -> dt.date:
    """The `days`-th working day counting back from `end` (end itself counts): whatever
    started before it has had `days` working days by the end of `end`."""
    exceptions = _exceptions(end - dt.timedelta(days=days * 2 + 30), end, committee_id)
    day, left = end, days
    while True:
        if is_working_day(day, exceptions):
            left -= 1
            if left == 0:
                return day
        day -= dt.timedelta(days=1)


def working_days_between(start: dt.date, end: dt.date, *, committee_id: int | None = None) -> int:
    """Working days after `start` up to and including `end`; negative when end is earlier."""
    if end < start:
        return -working_days_between(end, start, committee_id=committee_id)
    exceptions = _exceptions(start, end, committee_id)
    return sum(
        is_working_day(start + dt.timedelta(days=n), exceptions)
        for n in range(1, (end - start).days + 1)
    )


def add_months(start: dt.date, months: int) -> dt.date:
    """Calendar months (提案三个月内办复), clamped to the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def schedule_gaps(today: dt.date) -> list[int]:
    """The years within the coming twelve months whose national schedule is unknown: deadlines
    falling there count Monday–Friday plus the office's rows until the library is updated."""
    return uncovered_years(today, today + dt.timedelta(days=365))
