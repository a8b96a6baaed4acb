"""Agreed actions: who does what by when, their progress, reminders, and resolution."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zhengxie.core.models import HandlingUnit, Role, User
from zhengxie.core.rules import rule
from zhengxie.core.services.notifications import notify
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty

from .. import rules
from ..models import Action, ActionProgress, ActionState, Case, CaseState, ConsultationSession
from ..permissions import check_manage_venue_permission, check_update_action_permission
from .cases import resolving_members
from .intake import plain_text
from .transitions import apply_transition, fresh, lock_case, record_event, today


def _unit_accounts(unit_id: int | None) -> list[User]:
    if not unit_id:
        return []
    return list(
        User.objects.filter(
            role_grants__role=Role.UNIT, role_grants__handling_unit_id=unit_id
        ).distinct()
    )


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
    """Adds an agreed action to a case in consultation; the responsible unit is told."""
    case = fresh(case)
    check_manage_venue_permission(actor, case.venue)
    description, responsible_name = plain_text(description), plain_text(responsible_name)
    if not description:
        raise ValidationError({"description": _("请填写落实措施。")})
    if responsible_unit and not responsible_name:
        responsible_name = responsible_unit.name
    if not responsible_name:
        raise ValidationError({"responsible_name": _("请填写责任单位或责任人。")})
    with transaction.atomic():
        case = lock_case(case.pk)
        action = Action.objects.create(
            committee_id=case.committee_id,
            case=case,
            session=session,
            description=description[:300],
            responsible_name=responsible_name[:80],
            responsible_unit=responsible_unit,
            due_on=due_on,
        )
        note = _("%(who)s负责：%(what)s（%(due)s前）") % {
            "who": action.responsible_name,
            "what": action.description,
            "due": due_on,
        }
        if case.state == CaseState.CONSULTING:
            apply_transition(case=case, action="agree_action", note=note, on=on)
        elif case.state == CaseState.ACTING:
            record_event(case=case, action="agree_action", note=note, on=on)
        else:
            raise ValidationError(
                _("当前状态为“%(s)s”，不能确定落实措施。") % {"s": case.get_state_display()}
            )
    notify(
        recipients=_unit_accounts(action.responsible_unit_id),
        title=_("请认领落实措施：%(t)s") % {"t": action.description},
        url=reverse("grassroots:case_detail", args=[case.pk]),
    )
    return action


def report_progress(
    *, actor: User, action: Action, note: str, done: bool = False, on: dt.date | None = None
) -> Action:
    """A progress note; with done, the action is completed, and the case resolved when it was
    the last open one. Locks the case, then the action (the fixed order)."""
    check_update_action_permission(actor, action)
    note = plain_text(note)
    if not note:
        raise ValidationError({"note": _("请填写进展情况。")})
    with transaction.atomic():
        case = lock_case(action.case_id)
        action = Action.objects.select_for_update().get(pk=action.pk)
        if action.state == ActionState.DONE:
            raise ValidationError(_("该措施已完成。"))
        ActionProgress.objects.create(
            action=action, note=note[:300], reported_on=on or today(), reported_by=actor
        )
        if done:
            action.state, action.done_on = ActionState.DONE, on or today()
            action.save(update_fields=["state", "done_on"])
            record_event(
                case=case,
                action="action_done",
                note=_("已完成：%(a)s") % {"a": action.description},
                on=action.done_on,
            )
            _resolve_if_done(case, on=action.done_on)
    return action


def _resolve_if_done(case: Case, *, on: dt.date) -> None:
    if case.state != CaseState.ACTING or case.actions.filter(state=ActionState.OPEN).exists():
        return
    case.resolved_on = on
    apply_transition(case=case, action="resolve", fields=("resolved_on",), on=on)
    transaction.on_commit(lambda: _after_resolved(case))


def _after_resolved(case: Case) -> None:
    for member in resolving_members(case):
        credit_duty(
            member=member, kind=DutyKind.CASE_RESOLVED, source=case, occurred_on=case.resolved_on
        )
    if case.reporter_id:
        notify(
            recipients=[case.reporter],
            title=_("您反映的问题已解决，请评价：%(t)s") % {"t": case.title},
            url=reverse("grassroots:case_public", args=[case.pk]),
        )


def remind_due_actions(*, on: dt.date | None = None) -> int:
    """Tells responsible units and convenors of open actions due within the committee's
    reminder window or overdue; once a day per action. Returns how many were reminded."""
    on = on or today()
    reminded = 0
    due = (
        Action.objects.filter(state=ActionState.OPEN)
        .exclude(last_reminded_on=on)
        .select_related("case__venue__convenor")
    )
    for action in due.filter(due_on__lte=on + dt.timedelta(days=31)).iterator():
        if action.due_on > on + dt.timedelta(
            days=rule(action.committee_id, rules.REMIND_DAYS_BEFORE_DUE)
        ):
            continue
        overdue = action.due_on < on
        title = (_("落实措施已逾期：%(a)s") if overdue else _("落实措施即将到期：%(a)s")) % {
            "a": action.description
        }
        venue = action.case.venue
        notify(
            recipients=[
                *_unit_accounts(action.responsible_unit_id),
                venue.convenor if venue else None,
            ],
            title=title,
            body=_("完成时限：%(d)s") % {"d": action.due_on},
            url=reverse("grassroots:case_detail", args=[action.case_id]),
        )
        action.last_reminded_on = on
        action._change_reason = _("已发送到期提醒")
        action.save(update_fields=["last_reminded_on"])
        reminded += 1
    return reminded
