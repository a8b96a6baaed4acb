"""Taking a step without a page: what the JSON API's workflow endpoints call.

The same rules as the generic act page (core.views.workflows): the record is looked up among
the workflow's records, a person who may not take the step is refused before anything else, a
step the record's state no longer allows is a WorkflowError, the step's fields are cleaned by
the same form, and `apply` does the rest. Steps with a page of their own (a reply with
attachments) are taken through that page or its own endpoint, never here.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from .definition import Transition, Workflow
from .engine import apply, may_take
from .errors import WorkflowError
from .forms import step_form
from .registry import workflow_named


def find_record(name: str, pk: int) -> tuple[Workflow, models.Model]:
    """The workflow called `name` and its record `pk`, or Http404."""
    try:
        workflow = workflow_named(name)
    except LookupError as error:
        raise Http404 from error
    record = workflow.records().filter(pk=pk).first()
    if record is None:
        raise Http404
    return workflow, record


def check_may_act(workflow: Workflow, record: models.Model, actor) -> None:
    """Refuses a person who may take no step of the workflow on the record in any state: the
    record's state is theirs to know only when they act on it."""
    if workflow.override_by(actor, record):
        return
    if not any(t.may(actor, record) for t in workflow.transitions):
        raise PermissionDenied(_("您无权执行该操作。"))


def available_steps(workflow: Workflow, record: models.Model, actor) -> list[Transition]:
    """The steps the person may take on the record now, as the record page's buttons."""
    state = workflow.state_of(record)
    return [t for t in workflow.transitions_from(state) if t.button and t.may(actor, record)]


def take_step(
    workflow: Workflow,
    record: models.Model,
    name: str,
    actor,
    *,
    reason: str = "",
    expected_state: str | None = None,
    data: dict[str, Any] | None = None,
) -> models.Model:
    """Takes step `name` with the fields in `data`; raises Http404, PermissionDenied,
    WorkflowError or ValidationError (naming the fields) and then nothing has changed."""
    if not workflow.has_transition(name):
        raise Http404
    step = workflow.transition(name)
    if not step.may(actor, record):
        raise PermissionDenied(_("您无权执行该操作。"))
    if not may_take(record, name, actor, workflow=workflow):
        raise WorkflowError(_("该记录当前状态下不能执行此操作，请刷新页面。"))
    if step.page or not step.button:
        raise ValidationError(
            _("“%(action)s”需通过专门的接口办理。") % {"action": step.label}, code="own_page"
        )
    form = step_form(workflow, step, record, {**(data or {}), "reason": reason})
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    cleaned = dict(form.cleaned_data)
    cleaned.pop("seen_state", None)
    reason = cleaned.pop("reason", reason)
    return apply(
        record, name, actor, workflow=workflow, reason=reason,
        expected_state=expected_state or None, **cleaned,
    )  # fmt: skip
