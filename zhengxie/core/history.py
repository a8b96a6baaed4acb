"""A record's history as people read it: who, when, and which fields changed how."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_noop


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[FieldChange]


# Marked for the catalog; the history include translates them when it renders.
_ACTIONS = {"+": gettext_noop("创建"), "~": gettext_noop("修改"), "-": gettext_noop("删除")}


def _label(model: type[models.Model], field_name: str) -> str:
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except Exception:
        return field_name


def _shown(value, show: Callable | None) -> str:
    if show is not None:
        return show(value)
    return str(value or "")


def _entries(
    model: type[models.Model], versions: list, show: dict[str, Callable] | None = None
) -> list[HistoryEntry]:
    """Versions newest first as entries, each diffed against the version before it; `show`
    writes a field's values as people read them (field name -> function)."""
    show = show or {}
    entries = []
    # Bulk-loaded rows (old registers) have no versions at all: nothing to pair.
    olders = [*versions[1:], None] if versions else []
    for newer, older in zip(versions, olders, strict=True):
        changes = []
        if older is not None:
            changes = [
                FieldChange(
                    _label(model, c.field),
                    _shown(c.old, show.get(c.field)),
                    _shown(c.new, show.get(c.field)),
                )
                for c in newer.diff_against(older).changes
            ]
        entries.append(
            HistoryEntry(
                when=newer.history_date,
                who=str(newer.history_user) if newer.history_user else "系统",
                action=_ACTIONS.get(newer.history_type, newer.history_type),
                reason=newer.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def history_of(record: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """Newest first; bulk-loaded records have no history rows and read as empty."""
    versions = record.history.select_related("history_user").order_by("-history_id")[:limit]
    return _entries(type(record), list(versions))


def history_of_versions(
    model: type[models.Model], versions, show: dict[str, Callable] | None = None
) -> list[HistoryEntry]:
    """history_of for versions chosen otherwise (a rule's rows for one committee and key,
    across a row deleted and made again), newest first."""
    return _entries(model, list(versions), show)


def histories_of(records: list[models.Model]) -> dict[int, list[HistoryEntry]]:
    """Record pk -> its history_of entries, for a whole list page in one query."""
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


def history_context(record: models.Model, *, shown: bool = True) -> dict[str, list[HistoryEntry]]:
    """What a record page passes to `core/_history.html`: the record's history for those
    who may read it (`shown`, the page's own rule), nothing for the rest."""
    return {"history": history_of(record) if shown else []}
