"""A case's public timeline (办理进程): one row for each step the reporter and the public follow.

The rows of the case workflow's steps are written by `write_timeline`, the entry effect of every
case state, so a step the office forces writes one too; `record_event` adds the rows of what
happens to a case without moving it (its report, a session while acting, an action done). The
timeline is public: its notes never name private persons."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.workflow import Step

from ..models import Case, CaseEvent

NOTE_CHARS = 300


def today() -> dt.date:
    return timezone.localdate()


def step_date(step: Step) -> dt.date:
    """The day the step happened: services recording past acts pass `on`, people act today."""
    return step.data.get("on") or today()


def record_event(*, case: Case, action: str, note: str, on: dt.date | None = None) -> CaseEvent:
    """A timeline row that does not change the state."""
    return CaseEvent.objects.create(
        case=case,
        action=action,
        to_state=case.state,
        note=note[:NOTE_CHARS],
        occurred_on=on or today(),
    )


def write_timeline(step: Step) -> None:
    """The step's row: its note is what the step's effects or service put in `note`; the
    office's override shows as such, without the reason (which may name people)."""
    if step.transition is None:
        name, note = "override", _("政协机关调整办理状态")
    else:
        name, note = step.transition.name, step.data.get("note", "")
    CaseEvent.objects.create(
        case=step.record,
        action=name,
        to_state=step.target,
        note=str(note)[:NOTE_CHARS],
        occurred_on=step_date(step),
    )
