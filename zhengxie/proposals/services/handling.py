"""Assignment to handling units, deadlines and extensions, reassignment requests, contact.
The functions taking a `step` are the guards and effects of the proposal's assign step and of
the extension and reassignment tables (workflow/)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from zhengxie.core.models import HandlingUnit, RoleGrant, User
from zhengxie.core.permissions import unit_ids_of
from zhengxie.core.rules import rule
from zhengxie.core.services.notifications import notify
from zhengxie.core.workdays import add_months, working_days_between
from zhengxie.core.workflow import InvalidInput, Step, WorkflowError

from .. import rules
from ..models import (
    Assignment,
    AssignmentRole,
    ContactRecord,
    Proposal,
    ReassignmentRequest,
    RequestState,
)
from ..notifications import ASSIGNED, HANDLING_DECISION
from ..workflow import take
from .inputs import require_text
from .notices import tell_proposers


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
        raise InvalidInput(
            _("承办单位：请指定一个主办单位（可加会办单位），或至少两个分办单位。"), field="lead"
        )
    if split_units and len(set(split_units)) < 2:
        raise InvalidInput(_("分办单位：分办至少需要两个单位。"), field="split_units")
    plan = [(lead, AssignmentRole.LEAD)] if lead else []
    plan += [(u, AssignmentRole.CO) for u in co_units if u != lead]
    plan += [(u, AssignmentRole.SPLIT) for u in dict.fromkeys(split_units)]
    if any(unit.committee_id != proposal.committee_id for unit, _role in plan):
        raise InvalidInput(_("承办单位：须为本级政协的承办单位。"), field="lead")
    assigned_on = assigned_on or timezone.localdate()
    deadline = add_months(assigned_on, rule(proposal.committee_id, rules.REPLY_MONTHS))
    return take(
        proposal,
        "assign",
        actor,
        reason="、".join(unit.name for unit, _role in plan),
        expected_state=expected_state,
        plan=plan,
        assigned_on=assigned_on,
        deadline=deadline,
    )


def schedule_handling(step: Step) -> None:
    step.touch(assigned_on=step.data["assigned_on"], reply_deadline=step.data["deadline"])


def create_assignments(step: Step) -> None:
    proposal, deadline = step.record, step.data["deadline"]
    rows = [
        Assignment(
            committee_id=proposal.committee_id,
            proposal=proposal,
            unit=unit,
            role=role,
            assigned_on=step.data["assigned_on"],
            deadline=deadline,
            original_deadline=deadline,
        )
        for unit, role in step.data["plan"]
    ]
    bulk_create_with_history(
        rows, Assignment, default_user=step.actor, default_change_reason=step.label
    )


def tell_assigned(step: Step) -> None:
    """The proposers learn who handles it and by when; the units, that it is theirs."""
    proposal, deadline = step.record, step.data["deadline"]
    title = proposal.title
    tell_proposers(
        proposal,
        title=_("提案“%(t)s”已交办") % {"t": title},
        body=_("承办单位：%(u)s；办理期限：%(d)s") % {"u": step.reason, "d": deadline},
    )
    notify(
        kind=ASSIGNED,
        recipients=_unit_users([unit for unit, _role in step.data["plan"]]),
        title=_("新交办提案：%(t)s") % {"t": title},
        body=_("办理期限：%(d)s") % {"d": deadline},
        url=reverse("proposals:detail", args=[proposal.pk]),
    )


def _check_unit(actor: User, assignment: Assignment) -> None:
    if assignment.unit_id not in unit_ids_of(actor):
        raise PermissionDenied(_("只有该承办单位的联络员可以操作。"))


def request_reassignment(
    *, assignment: Assignment, actor: User, reason: str, suggested_unit: HandlingUnit | None = None
) -> ReassignmentRequest:
    """A unit asks the office to reassign within the configured working days; it never passes
    the proposal on by itself. The request starts pending; the office decides it."""
    _check_unit(actor, assignment)
    reason = require_text(reason, what=_("理由"), field="reason")
    limit = rule(assignment.committee_id, rules.REASSIGN_WORKING_DAYS)
    if (
        working_days_between(
            assignment.assigned_on, timezone.localdate(), committee_id=assignment.committee_id
        )
        > limit
    ):
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
    refuses; locks the proposal, then the request, then the assignment."""
    with transaction.atomic():
        Proposal.objects.select_for_update().get(pk=request.assignment.proposal_id)
        if grant:
            return take(request, "grant", actor, reason=note, new_unit=new_unit)
        return take(request, "refuse", actor, reason=note)


def check_new_unit(step: Step) -> None:
    unit = step.data.get("new_unit")
    if unit is None or unit.committee_id != step.record.committee_id:
        raise InvalidInput(_("改由单位：请选择本级政协的承办单位。"), field="new_unit")


def record_request_decision(step: Step) -> None:
    step.touch(
        new_unit=step.data.get("new_unit"),
        decision_note=step.reason,
        decided_by=step.actor,
        decided_at=timezone.now(),
    )


def move_assignment(step: Step) -> None:
    """The old assignment stays on record, inactive; the new unit takes its role and deadline."""
    old = Assignment.objects.select_for_update().get(pk=step.record.assignment_id)
    old.is_active = False
    old._history_user, old._change_reason = step.actor, step.label
    old.save(update_fields=["is_active"])
    moved = Assignment(
        committee_id=old.committee_id,
        proposal_id=old.proposal_id,
        unit=step.data["new_unit"],
        role=old.role,
        assigned_on=timezone.localdate(),
        deadline=old.deadline,
        original_deadline=old.original_deadline,
    )
    moved._history_user, moved._change_reason = step.actor, step.label
    moved.save()


def tell_reassignment_decision(step: Step) -> None:
    """The unit that asked hears the office's decision; on a grant the new unit hears that the
    proposal is now its own."""
    request = step.record
    assignment = Assignment.objects.select_related("proposal", "unit").get(pk=request.assignment_id)
    proposal = assignment.proposal
    url = reverse("proposals:detail", args=[proposal.pk])
    body = _("决定：%(d)s") % {"d": step.label} + (f"。{step.reason}" if step.reason else "")
    notify(
        kind=HANDLING_DECISION,
        recipients=_unit_users([assignment.unit]),
        title=_("调整承办单位申请：%(d)s（%(t)s）") % {"d": step.label, "t": proposal.title},
        body=body,
        url=url,
    )
    if request.state == RequestState.GRANTED and request.new_unit_id:
        notify(
            kind=ASSIGNED,
            recipients=_unit_users([request.new_unit]),
            title=_("新交办提案：%(t)s") % {"t": proposal.title},
            body=_("办理期限：%(d)s") % {"d": assignment.deadline},
            url=url,
        )


def tell_extension_decision(step: Step) -> None:
    assignment = step.record
    notify(
        kind=HANDLING_DECISION,
        recipients=_unit_users([assignment.unit]),
        title=_("延期申请：%(d)s（%(t)s）") % {"d": step.label, "t": assignment.proposal.title},
        body=_("办理期限：%(d)s") % {"d": assignment.deadline},
        url=reverse("proposals:detail", args=[assignment.proposal_id]),
    )


def request_extension(
    *, assignment: Assignment, actor: User, until: dt.date, reason: str
) -> Assignment:
    """A unit asks for more time; the whole handling may never exceed the maximum months."""
    _check_unit(actor, assignment)
    return take(assignment, "request", actor, reason=reason, until=until)


def check_extension_request(step: Step) -> None:
    assignment, until = step.record, step.data.get("until")
    limit = add_months(
        assignment.assigned_on, rule(assignment.committee_id, rules.MAX_REPLY_MONTHS)
    )
    if until is None or until <= assignment.deadline or until > limit:
        raise WorkflowError(
            _("申请延至：须晚于当前期限且不晚于%(d)s（最长六个月）。") % {"d": limit}
        )


def record_extension_request(step: Step) -> None:
    step.touch(extension_until=step.data["until"], extension_reason=step.reason)


def decide_extension(*, assignment: Assignment, actor: User, grant: bool) -> Assignment:
    """The office grants or refuses; locks the proposal, then the assignment."""
    with transaction.atomic():
        Proposal.objects.select_for_update().get(pk=assignment.proposal_id)
        return take(assignment, "grant" if grant else "refuse", actor)


def set_extended_deadline(step: Step) -> None:
    step.touch(deadline=step.record.extension_until, reminders_sent=[])


def extend_reply_deadline(step: Step) -> None:
    """The proposal's deadline (the register's filter) is its latest unit's."""
    deadline = step.record.deadline
    proposal = Proposal.objects.select_for_update().get(pk=step.record.proposal_id)
    proposal.reply_deadline = max(proposal.reply_deadline or deadline, deadline)
    proposal._history_user = step.actor
    proposal._change_reason = _("同意延期至 %(d)s") % {"d": deadline}
    proposal.save(update_fields=["reply_deadline", "updated_at"])


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
        raise InvalidInput(_("沟通日期：不能晚于今天。"), field="contacted_on")
    people = require_text(people, what=_("参加人员"), field="people")
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
