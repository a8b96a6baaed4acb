"""What the tests of acts entered later (`at`) share: a past moment, and the dates of the
history rows a step wrote."""

import datetime as dt

from django.utils import timezone

DAY = dt.timedelta(days=1)


def ago(days: int) -> dt.datetime:
    """`days` before now, to the second (history dates are compared exactly)."""
    return (timezone.now() - days * DAY).replace(microsecond=0)


def dated(record, reason: str) -> list[dt.datetime]:
    """The dates of the record's history rows written by the step named `reason`."""
    rows = record.history.filter(history_change_reason__startswith=reason)
    return [row.history_date for row in rows.order_by("history_id")]
