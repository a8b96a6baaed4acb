"""Agreed actions: who does what by when, their progress, reminders, and the case's resolution
when the last one is done. The services are the domain API; the functions below them are the
effects and guards the workflows (workflow.py) name."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zhengxie.core.models import HandlingUnit, Role, User
from zhengxie.core.rules import rule
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import AlreadyHandled, Step, WorkflowError, apply

from .. import rules
from ..models import Action, ActionProgress, ActionState, Case, CaseState, ConsultationSession
from ..notifications import ACTION_ASSIGNED, ACTION_REMINDER
from ..permissions import check_manage_venue_permission, check_update_action_permission
from .intake import plain_text
from .timeline import record_event, step_date, today


def _unit_accounts(unit_id: int | None) -> list[User]:
    if not unit_id:
        return []
    return list(
        User.objects.filter(
            role_grants__role=Role.UNIT, role_grants__handling_unit_id=unit_id
        ).distinct()
    )


def _case_url(case_id: int) -> str:
    return reverse("grassroots:case_detail", args=[case_id])


def agree_action(
    *,
    actor: User,
    case: Case,
    description: str,
    responsible_name: str,
    due_on: dt.date,
    responsible_unit: HandlingUnit | None = None,
    session: ConsultationSession | None = None,
    on: dt.date | None = None,
) -> Action:
    """Adds an agreed action to a case in consultation (or already acting); the responsible
    unit is told. The case's step `agree_action` creates the action (create_agreed_action)."""
    case = Case.objects.select_related("venue").get(pk=case.pk)
    check_manage_venue_permission(actor, case.venue)
    case = apply(
        case,
        "agree_action",
        actor,
        description=description,
        responsible_name=responsible_name,
        responsible_unit=responsible_unit,
        due_on=due_on,
        session=session,
        on=on,
    )
    return case.agreed_action


def check_agreed_action(step: Step) -> None:
    """Guard of `agree_action`: what, who and by when, as text without markup."""
    data = step.data
    data["description"] = plain_text(data.get("description", ""))[:300]
    name = plain_text(data.get("responsible_name", ""))
    if not name and data.get("responsible_unit"):
        name = data["responsible_unit"].name
    data["responsible_name"] = name[:80]
    if not data["description"]:
        raise ValidationError({"description": _("请填写落实措施。")})
    if not data["responsible_name"]:
        raise ValidationError({"responsible_name": _("请填写责任单位或责任人。")})
    if not data.get("due_on"):
        raise ValidationError({"due_on": _("请填写完成时限。")})
    data["note"] = _("%(who)s负责：%(what)s（%(due)s前）") % {
        "who": data["responsible_name"],
        "what": data["description"],
        "due": data["due_on"],
    }


def create_agreed_action(step: Step) -> None:
    """After `agree_action`: the action row. It is left on the returned case for the service."""
    data = step.data
    step.record.agreed_action = Action.objects.create(
        committee_id=step.record.committee_id,
        case=step.record,
        session=data.get("session"),
        description=data["description"],
        responsible_name=data["responsible_name"],
        responsible_unit=data.get("responsible_unit"),
        due_on=data["due_on"],
    )


def ask_unit_to_claim(step: Step) -> None:
    action = step.record.agreed_action
    notify(
        kind=ACTION_ASSIGNED,
        recipients=_unit_accounts(action.responsible_unit_id),
        title=_("请认领落实措施：%(t)s") % {"t": action.description},
        url=_case_url(action.case_id),
    )


def report_progress(
    *, actor: User, action: Action, note: str, done: bool = False, on: dt.date | None = None
) -> Action:
    """A progress note; with done, the action's step `complete`, which resolves the case when
    it was the last open action. Locks the action, then (on completion) the case."""
    check_update_action_permission(actor, action)
    note = plain_text(note)
    if not note:
        raise ValidationError({"note": _("请填写进展情况。")})
    if done:
        return apply(Action.objects.get(pk=action.pk), "complete", actor, note=note, on=on)
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if action.state == ActionState.DONE:
            raise ValidationError(_("该措施已完成。"))
        _add_progress(action, note=note, on=on or today(), actor=actor)
    return action


def _add_progress(action: Action, *, note: str, on: dt.date, actor) -> ActionProgress:
    return ActionProgress.objects.create(
        action=action, note=note[:300], reported_on=on, reported_by=actor
    )


def record_final_progress(step: Step) -> None:
    """After `complete`: the note the person wrote on finishing, as the last progress row."""
    note = plain_text(step.data.get("note", ""))
    if note:
        _add_progress(step.record, note=note, on=step_date(step), actor=step.actor)


def stamp_done_on(step: Step) -> None:
    """Entering done (also by the office's override): the day it was done."""
    step.touch(done_on=step_date(step))


def forget_done_on(step: Step) -> None:
    """Entering open again after the office's override: not done any more."""
    if step.record.done_on is not None:
        step.touch(done_on=None)


def note_action_done(step: Step) -> None:
    """Entering done: a row on the case's public timeline."""
    case = Case.objects.get(pk=step.record.case_id)
    record_event(
        case=case,
        action="action_done",
        note=_("已完成：%(a)s") % {"a": step.record.description},
        on=step_date(step),
    )


def resolve_case_when_all_done(step: Step) -> None:
    """Entering done: the case's step `resolve` when this was its last open action (this
    action's own row is saved with the step, so it is left out of the count). The case row is
    locked before the others are counted, so two actions finished at once resolve the case
    exactly once: the later sees the earlier done."""
    case = Case.objects.select_for_update().get(pk=step.record.case_id)
    still_open = case.actions.filter(state=ActionState.OPEN).exclude(pk=step.record.pk)
    if case.state == CaseState.ACTING and not still_open.exists():
        apply(case, "resolve", None, on=step_date(step))


def remind_due_actions(*, on: dt.date | None = None) -> int:
    """Tells responsible units and convenors of open actions due within the committee's
    reminder window or overdue; once a day per action, each reminder its own step `remind`
    (the mark and the inbox messages are saved together). Returns how many were reminded."""
    on = on or today()
    reminded = 0
    due = Action.objects.filter(state=ActionState.OPEN).exclude(last_reminded_on=on)
    for action in due.filter(due_on__lte=on + dt.timedelta(days=31)).iterator():
        if action.due_on > on + dt.timedelta(
            days=rule(action.committee_id, rules.REMIND_DAYS_BEFORE_DUE)
        ):
            continue
        try:
            apply(action, "remind", None, on=on)
        except WorkflowError:  # done or reminded by someone else meanwhile
            continue
        reminded += 1
    return reminded


def not_reminded_yet(step: Step) -> None:
    """Guard of `remind`: once a day, however many runs."""
    if step.record.last_reminded_on == step_date(step):
        raise AlreadyHandled(_("今天已提醒过。"))


def stamp_reminded_on(step: Step) -> None:
    step.touch(last_reminded_on=step_date(step))


def remind_responsible(step: Step) -> None:
    """After `remind`, in the same transaction as the mark: the unit's accounts and the
    venue's convenor get the reminder in their inbox (e-mail copies after commit)."""
    action, on = step.record, step_date(step)
    venue = Case.objects.select_related("venue__convenor").get(pk=action.case_id).venue
    title = _("落实措施已逾期：%(a)s") if action.due_on < on else _("落实措施即将到期：%(a)s")
    notify(
        kind=ACTION_REMINDER,
        recipients=[*_unit_accounts(action.responsible_unit_id), venue.convenor if venue else None],
        title=title % {"a": action.description},
        body=_("完成时限：%(d)s") % {"d": action.due_on},
        url=_case_url(action.case_id),
    )
