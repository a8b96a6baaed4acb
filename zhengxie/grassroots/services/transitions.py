"""The one way a case changes state: lock, check the table, save, timeline, history."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Case, CaseEvent
from ..workflow import TRANSITIONS, allowed


def today() -> dt.date:
    return timezone.localdate()


def fresh(case: Case) -> Case:
    """The guard reads the stored case, not a caller's possibly stale copy."""
    return Case.objects.select_related("venue", "committee").get(pk=case.pk)


def lock_case(case_id: int) -> Case:
    return Case.objects.select_for_update().get(pk=case_id)


def apply_transition(
    *, case: Case, action: str, note: str = "", on: dt.date | None = None, fields: tuple = ()
) -> Case:
    """Moves a locked case along the table; call inside transaction.atomic(). A move the table
    does not allow raises and changes nothing."""
    transition = TRANSITIONS[action]
    if not allowed(action, case.state):
        raise ValidationError(
            _("当前状态为“%(state)s”，不能“%(action)s”。")
            % {"state": case.get_state_display(), "action": transition.label}
        )
    if transition.needs_reason and not note.strip():
        raise ValidationError(
            {"reason": _("请填写“%(action)s”的理由。") % {"action": transition.label}}
        )
    case.state = transition.target
    case._change_reason = str(transition.label)
    case.save(update_fields=["state", *fields])
    CaseEvent.objects.create(
        case=case, action=action, to_state=case.state, note=note[:300], occurred_on=on or today()
    )
    return case


def record_event(*, case: Case, action: str, note: str, on: dt.date | None = None) -> CaseEvent:
    """A timeline step that does not change the state (a session held, an action done)."""
    return CaseEvent.objects.create(
        case=case, action=action, to_state=case.state, note=note[:300], occurred_on=on or today()
    )


def atomic():
    return transaction.atomic()
