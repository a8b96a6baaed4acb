"""The one way any record changes state.

`apply` checks that the person may take the step, locks the row, checks that the state is still
one the step starts from (and the one the person saw), runs the step's guards, sets the state and
the fields its effects set, saves once with history (who, the step, the reason), runs the
follow-on effects in the same transaction and the notifications after commit. `override` is the
office's way out of any state, with a written reason, through the same entry effects. Nothing
else in the platform assigns a workflow's state field (a test greps for it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .definition import OVERRIDE, Reason, Transition, Workflow
from .errors import AlreadyHandled, MissingReason, WorkflowError
from .registry import workflow_of

HISTORY_REASON_CHARS = 100  # django-simple-history's history_change_reason column


@dataclass
class Step:
    """One step being taken: what effects read and what they may change on the record."""

    workflow: Workflow
    transition: Transition | None  # None for the office's override
    record: models.Model  # the locked row
    actor: Any
    source: str
    target: str
    reason: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return str(self.transition.label) if self.transition else _("强制调整状态")

    def touch(self, **values: Any) -> None:
        """Sets fields on the record; they are saved with the state, in one history row."""
        for name, value in values.items():
            setattr(self.record, name, value)
            self.touched.add(name)

    def moment(self) -> dt.datetime:
        """When the step took place: now, or the `at` a service entering an earlier act passed
        (a paper record typed in later); that date stamps the record's fields and duty credits
        as it stamps the step's history row."""
        return self.data.get("at") or timezone.now()


def apply(
    record: models.Model,
    name: str,
    actor,
    *,
    workflow: Workflow | None = None,
    reason: str = "",
    expected_state: str | None = None,
    **data: Any,
) -> models.Model:
    """Takes transition `name` on `record` for `actor` (None for a scheduled task) and returns
    the saved record. `data` is what the transition's form cleaned. Raises PermissionDenied,
    WorkflowError (AlreadyHandled when someone else moved it first) or ValidationError; on any
    of them the record is as it was."""
    workflow = workflow or workflow_of(record)
    step_def = workflow.transition(name)
    if not step_def.may(actor, record):
        raise PermissionDenied(_("您无权执行“%(action)s”。") % {"action": step_def.label})
    reason = _checked_reason(step_def, reason)
    with transaction.atomic():
        locked = lock(workflow, record)
        current = workflow.state_of(locked)
        _check_state(workflow, step_def, locked, seen=expected_state or workflow.state_of(record))
        step = Step(workflow, step_def, locked, actor, current, step_def.target, reason, data)
        for guard in step_def.guards:
            guard(step)
        _enter(step, effects=step_def.before)
        for effect in step_def.after:
            effect(step)
        for effect in step_def.notify:
            transaction.on_commit(lambda effect=effect: effect(step))
    return locked


def override(record: models.Model, *, target: str, actor, reason: str, workflow=None):
    """The office moves a record to any state. The target state's entry effects run as on the
    normal path, and history keeps the reason with where the record came from."""
    workflow = workflow or workflow_of(record)
    if actor is None or not workflow.override_by(actor, record):
        raise PermissionDenied(_("只有本级政协机关可以强制调整状态。"))
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("请填写强制调整状态的理由。"))
    if target not in {s.code for s in workflow.states}:
        raise WorkflowError(_("目标状态无效。"))
    with transaction.atomic():
        locked = lock(workflow, record)
        current = workflow.state_of(locked)
        if current == target:
            raise WorkflowError(_("记录已处于该状态。"))
        _enter(Step(workflow, None, locked, actor, current, target, reason))
    return locked


def lock(workflow: Workflow, record: models.Model) -> models.Model:
    """Locks the record's row (call inside transaction.atomic)."""
    return workflow.model._default_manager.select_for_update().get(pk=record.pk)


def may_take(record: models.Model, name: str, actor, *, workflow=None) -> bool:
    """Whether the actor could take the step on the record as it is now (no lock)."""
    workflow = workflow or workflow_of(record)
    if name == OVERRIDE:
        return actor is not None and workflow.override_by(actor, record)
    step = workflow.transition(name)
    return workflow.state_of(record) in step.sources and step.may(actor, record)


def _checked_reason(step: Transition, reason: str) -> str:
    reason = (reason or "").strip()
    if step.reason == Reason.REQUIRED and not reason:
        raise MissingReason(_("请填写%(what)s。") % {"what": step.reason_label})
    return reason


def _check_state(workflow: Workflow, step: Transition, locked, *, seen: str) -> None:
    current = workflow.state_of(locked)
    state_label = workflow.state(current).label
    if current != seen:
        raise AlreadyHandled(
            _("该记录已被他人处理（当前状态：%(state)s），请刷新页面后再操作。")
            % {"state": state_label}
        )
    if current not in step.sources:
        raise WorkflowError(
            _("当前状态为“%(state)s”，不能%(action)s。")
            % {"state": state_label, "action": step.label}
        )


def _enter(step: Step, effects=()) -> None:
    """Sets the target state, runs the step's and the state's before-save effects, saves once
    with history."""
    workflow, record = step.workflow, step.record
    step.touch(**{workflow.state_field: step.target})
    for effect in (*effects, *workflow.state(step.target).on_enter):
        effect(step)
    record._history_user = step.actor
    if step.data.get("at") is not None:
        record._history_date = step.data["at"]
    record._change_reason = _history_reason(step)
    fields = set(step.touched)
    if any(getattr(f, "auto_now", False) and f.name == "updated_at" for f in record._meta.fields):
        fields.add("updated_at")
    record.save(update_fields=sorted(fields))


def _history_reason(step: Step) -> str:
    text = step.label
    if step.transition is None:
        source, target = (step.workflow.state(s).label for s in (step.source, step.target))
        text = f"{text}（{source} → {target}）"
    text = f"{text}：{step.reason}" if step.reason else text
    # History keeps 100 characters of the reason; the full text stays on the record or message.
    return text if len(text) <= HISTORY_REASON_CHARS else text[: HISTORY_REASON_CHARS - 1] + "…"
