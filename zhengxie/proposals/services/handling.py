"""Assignment to handling units, deadlines and extensions, reassignment requests, contact."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from zhengxie.core.models import HandlingUnit, RoleGrant, User
from zhengxie.core.permissions import unit_ids_of
from zhengxie.core.rules import rule
from zhengxie.core.services.notifications import notify
from zhengxie.core.workdays import add_months, working_days_between

from .. import rules
from ..models import (
    Assignment,
    AssignmentRole,
    ContactRecord,
    ExtensionState,
    Proposal,
    ReassignmentRequest,
    RequestState,
)
from ..permissions import check_office_of
from .transitions import WorkflowError, lock_for, require_reason, save_state, tell_proposers


def _unit_users(units) -> list[User]:
    grants = RoleGrant.objects.filter(handling_unit__in=units, role="unit").select_related("user")
    return [g.user for g in grants]


def assign_proposal(
    *,
    proposal: Proposal,
    actor: User,
    lead: HandlingUnit | None = None,
    co_units: list[HandlingUnit] | None = None,
    split_units: list[HandlingUnit] | None = None,
    assigned_on: dt.date | None = None,
    expected_state: str | None = None,
) -> Proposal:
    """交办: a lead unit with co-units, or several units each answering its part (分办).
    The deadline counts calendar months from the assignment (configurable, default 3)."""
    co_units, split_units = list(co_units or []), list(split_units or [])
    if bool(lead) == bool(split_units):
        raise WorkflowError(_("承办单位：请指定一个主办单位（可加会办单位），或至少两个分办单位。"))
    if split_units and len(set(split_units)) < 2:
        raise WorkflowError(_("分办单位：分办至少需要两个单位。"))
    plan = [(lead, AssignmentRole.LEAD)] if lead else []
    plan += [(u, AssignmentRole.CO) for u in co_units if u != lead]
    plan += [(u, AssignmentRole.SPLIT) for u in dict.fromkeys(split_units)]
    if any(unit.committee_id != proposal.committee_id for unit, _role in plan):
        raise WorkflowError(_("承办单位：须为本级政协的承办单位。"))
    assigned_on = assigned_on or timezone.localdate()
    deadline = add_months(assigned_on, rule(proposal.committee_id, rules.REPLY_MONTHS))
    with transaction.atomic():
        locked, step = lock_for(
            proposal=proposal, action="assign", actor=actor, expected_state=expected_state
        )
        bulk_create_with_history(
            [
                Assignment(
                    committee_id=locked.committee_id,
                    proposal=locked,
                    unit=unit,
                    role=role,
                    assigned_on=assigned_on,
                    deadline=deadline,
                    original_deadline=deadline,
                )
                for unit, role in plan
            ],
            Assignment,
            default_user=actor,
            default_change_reason=str(step.label),
        )
        locked.assigned_on, locked.reply_deadline = assigned_on, deadline
        names = "、".join(unit.name for unit, _role in plan)
        save_state(
            proposal=locked,
            target=step.target,
            actor=actor,
            label=step.label,
            reason=names,
            fields=["assigned_on", "reply_deadline"],
        )
        tell_proposers(
            proposal=locked,
            title=_("提案“%(t)s”已交办") % {"t": locked.title},
            body=_("承办单位：%(u)s；办理期限：%(d)s") % {"u": names, "d": deadline},
        )
        units = [unit for unit, _role in plan]
        transaction.on_commit(
            lambda: notify(
                recipients=_unit_users(units),
                title=_("新交办提案：%(t)s") % {"t": locked.title},
                body=_("办理期限：%(d)s") % {"d": deadline},
                url=f"/proposals/{locked.pk}/",
            )
        )
    return locked


def _check_unit(actor: User, assignment: Assignment) -> None:
    if assignment.unit_id not in unit_ids_of(actor):
        raise PermissionDenied(_("只有该承办单位的联络员可以操作。"))


def request_reassignment(
    *, assignment: Assignment, actor: User, reason: str, suggested_unit: HandlingUnit | None = None
) -> ReassignmentRequest:
    """A unit asks the office to reassign within the configured working days; it never passes
    the proposal on by itself."""
    _check_unit(actor, assignment)
    reason = require_reason(reason)
    limit = rule(assignment.committee_id, rules.REASSIGN_WORKING_DAYS)
    if working_days_between(assignment.assigned_on, timezone.localdate()) > limit:
        raise WorkflowError(_("交办已超过%(n)s个工作日，不能再申请调整承办单位。") % {"n": limit})
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if not locked.is_active:
            raise WorkflowError(_("该交办已被调整。"))
        if locked.reassignment_requests.filter(state=RequestState.PENDING).exists():
            raise WorkflowError(_("已有待决定的调整申请。"))
        return ReassignmentRequest.objects.create(
            committee_id=locked.committee_id,
            assignment=locked,
            reason=reason,
            suggested_unit=suggested_unit,
            requested_by=actor,
        )


def decide_reassignment(
    *,
    request: ReassignmentRequest,
    actor: User,
    grant: bool,
    new_unit: HandlingUnit | None = None,
    note: str = "",
) -> ReassignmentRequest:
    """The office grants (moving the assignment to a new unit, same role and deadline) or
    refuses; locks the proposal, then the assignment."""
    proposal = request.assignment.proposal
    check_office_of(actor, proposal)
    if grant and (new_unit is None or new_unit.committee_id != proposal.committee_id):
        raise WorkflowError(_("改由单位：请选择本级政协的承办单位。"))
    with transaction.atomic():
        Proposal.objects.select_for_update().get(pk=proposal.pk)
        row = ReassignmentRequest.objects.select_for_update().get(pk=request.pk)
        if row.state != RequestState.PENDING:
            raise WorkflowError(_("该申请已被他人处理。"))
        old = Assignment.objects.select_for_update().get(pk=row.assignment_id)
        if grant:
            old.is_active = False
            old.save(update_fields=["is_active"])
            Assignment.objects.create(
                committee_id=old.committee_id,
                proposal_id=old.proposal_id,
                unit=new_unit,
                role=old.role,
                assigned_on=timezone.localdate(),
                deadline=old.deadline,
                original_deadline=old.original_deadline,
            )
        row.state = RequestState.GRANTED if grant else RequestState.REFUSED
        row.new_unit, row.decision_note = new_unit if grant else None, note
        row.decided_by, row.decided_at = actor, timezone.now()
        row.save(update_fields=["state", "new_unit", "decision_note", "decided_by", "decided_at"])
    return row


def request_extension(
    *, assignment: Assignment, actor: User, until: dt.date, reason: str
) -> Assignment:
    """A unit asks for more time; the whole handling may never exceed the maximum months."""
    _check_unit(actor, assignment)
    reason = require_reason(reason, what=_("延期理由"))
    limit = add_months(
        assignment.assigned_on, rule(assignment.committee_id, rules.MAX_REPLY_MONTHS)
    )
    if until <= assignment.deadline or until > limit:
        raise WorkflowError(
            _("申请延至：须晚于当前期限且不晚于%(d)s（最长六个月）。") % {"d": limit}
        )
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        locked.extension_state, locked.extension_until = ExtensionState.REQUESTED, until
        locked.extension_reason = reason
        locked.save(update_fields=["extension_state", "extension_until", "extension_reason"])
    return locked


def decide_extension(*, assignment: Assignment, actor: User, grant: bool) -> Assignment:
    check_office_of(actor, assignment.proposal)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=assignment.proposal_id)
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if locked.extension_state != ExtensionState.REQUESTED:
            raise WorkflowError(_("该延期申请已被他人处理。"))
        locked.extension_state = ExtensionState.GRANTED if grant else ExtensionState.REFUSED
        fields = ["extension_state"]
        if grant:
            locked.deadline, locked.reminders_sent = locked.extension_until, []
            fields += ["deadline", "reminders_sent"]
            proposal.reply_deadline = max(
                proposal.reply_deadline or locked.deadline, locked.deadline
            )
            proposal._history_user = actor
            proposal._change_reason = _("同意延期至 %(d)s") % {"d": locked.deadline}
            proposal.save(update_fields=["reply_deadline", "updated_at"])
        locked.save(update_fields=fields)
    return locked


def record_contact(
    *,
    proposal: Proposal,
    actor: User,
    contacted_on: dt.date,
    form: str,
    people: str,
    notes: str = "",
) -> ContactRecord:
    """办前面商: a unit records its contact with the proposers (the contact rate counts it)."""
    units = list(proposal.assignments.filter(is_active=True, unit_id__in=unit_ids_of(actor)))
    if not units:
        raise PermissionDenied(_("只有承办该提案的单位可以记录沟通情况。"))
    if contacted_on > timezone.localdate():
        raise WorkflowError(_("沟通日期：不能晚于今天。"))
    people = require_reason(people, what=_("参加人员"))
    return ContactRecord.objects.create(
        committee_id=proposal.committee_id,
        proposal=proposal,
        unit=units[0].unit,
        contacted_on=contacted_on,
        form=form,
        people=people,
        notes=notes,
        recorded_by=actor,
    )
