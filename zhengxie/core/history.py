"""A record's history as people read it: who, when, and which fields changed how."""

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


def history_of(record: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """Newest first. Each entry is diffed against the version before it."""
    versions = list(record.history.select_related("history_user").order_by("-history_id")[:limit])
    if not versions:  # bulk-loaded records have no history rows
        return []
    entries = []
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            changes = [
                FieldChange(_label(type(record), c.field), str(c.old or ""), str(c.new or ""))
                for c in delta.changes
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
