"""The history of every record on a list page, read in one query.

`zhengxie.core.history.history_of` reads one record's versions; a list of three hundred
recognitions would call it three hundred times. This reads the versions of all listed records
at once and hands each record's share to the same entry shape, so list pages keep a fixed
number of queries.
"""

from collections import defaultdict

from django.db import models

from zhengxie.core.history import FieldChange, HistoryEntry

ACTIONS = {"+": "创建", "~": "修改", "-": "删除"}


def _label(model: type[models.Model], field_name: str) -> str:
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except models.FieldDoesNotExist:
        return field_name


def _entries(model: type[models.Model], versions: list) -> list[HistoryEntry]:
    entries = []
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        changes = []
        if older is not None:
            changes = [
                FieldChange(_label(model, c.field), str(c.old or ""), str(c.new or ""))
                for c in newer.diff_against(older).changes
            ]
        entries.append(
            HistoryEntry(
                when=newer.history_date,
                who=str(newer.history_user) if newer.history_user else "系统",
                action=ACTIONS.get(newer.history_type, newer.history_type),
                reason=newer.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def histories_of(records: list[models.Model]) -> dict[int, list[HistoryEntry]]:
    """Record pk -> its history, newest first (the same entries history_of gives)."""
    if not records:
        return {}
    model = type(records[0])
    versions = defaultdict(list)
    rows = (
        model.history.filter(id__in=[r.pk for r in records])
        .select_related("history_user")
        .order_by("-history_id")
    )
    for row in rows:
        versions[row.id].append(row)
    return {pk: _entries(model, rows) for pk, rows in versions.items()}


def attach_histories(records) -> list:
    """The records as a list, each with `.history_entries` for the page to show."""
    records = list(records)
    found = histories_of(records)
    for record in records:
        record.history_entries = found.get(record.pk, [])
    return records
