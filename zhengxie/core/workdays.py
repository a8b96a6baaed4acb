"""Working-day arithmetic for deadlines: Monday to Friday, corrected by CalendarDay rows for
public holidays and the weekends made workdays (调休)."""

import calendar
import datetime as dt

from .models import CalendarDay


def _exceptions(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    return dict(
        CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_workday")
    )


def is_working_day(day: dt.date, exceptions: dict[dt.date, bool] | None = None) -> bool:
    exceptions = _exceptions(day, day) if exceptions is None else exceptions
    return exceptions.get(day, day.weekday() < 5)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself does not count)."""
    horizon = start + dt.timedelta(days=days * 2 + 30)
    exceptions = _exceptions(start, horizon)
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, exceptions):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; negative when end is earlier."""
    if end < start:
        return -working_days_between(end, start)
    exceptions = _exceptions(start, end)
    return sum(
        is_working_day(start + dt.timedelta(days=n), exceptions)
        for n in range(1, (end - start).days + 1)
    )


def add_months(start: dt.date, months: int) -> dt.date:
    """Calendar months (提案三个月内办复), clamped to the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
