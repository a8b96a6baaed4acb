import datetime as dt

from zhengxie.core.models import CalendarDay
from zhengxie.core.workdays import add_months, add_working_days, working_days_between


def test_add_working_days_skips_weekends(db):
    friday = dt.date(2022, 3, 4)

    assert add_working_days(friday, 1) == dt.date(2022, 3, 7)
    assert add_working_days(friday, 5) == dt.date(2022, 3, 11)


def test_add_working_days_honours_holidays_and_swapped_weekends(db):
    # given: 清明 on Monday 4 April 2022 is a holiday, Saturday 2 April a workday
    CalendarDay.objects.create(date=dt.date(2022, 4, 4), is_workday=False, note="清明节")
    CalendarDay.objects.create(date=dt.date(2022, 4, 2), is_workday=True, note="调休上班")
    # when
    deadline = add_working_days(dt.date(2022, 4, 1), 2)
    # then: Saturday counts, Monday does not
    assert deadline == dt.date(2022, 4, 5)


def test_working_days_between_counts_both_ways(db):
    assert working_days_between(dt.date(2022, 3, 4), dt.date(2022, 3, 11)) == 5
    assert working_days_between(dt.date(2022, 3, 11), dt.date(2022, 3, 4)) == -5


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2022, 11, 30), 3) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2022, 3, 15), 6) == dt.date(2022, 9, 15)
