"""Every registered workflow over one pair of endpoints (core.workflow.steps):

    GET  /api/v1/<kind>/<id>/transitions           the steps the caller may take now
    POST /api/v1/<kind>/<id>/transitions/<name>    take one: {"reason", "expected_state", "data"}

`kind` is the workflow's name in the registry (`manage.py workflows` lists them). A step the
record's state no longer allows answers 409 (code "stale" when someone else moved it since the
caller's `expected_state`); its fields are cleaned by the step's own form and named in a 400.
"""

from typing import Any

from django import forms
from django.http import HttpRequest
from ninja import Field, Router, Schema

from zhengxie.core.workflow import Workflow
from zhengxie.core.workflow.forms import step_form
from zhengxie.core.workflow.steps import available_steps, check_may_act, find_record, take_step

from ..errors import ERRORS

router = Router(tags=["workflows"])


class ChoiceOut(Schema):
    value: str
    label: str


class FieldOut(Schema):
    name: str
    label: str
    required: bool
    kind: str = Field(description="text, textarea, choice, multiple_choice, date, integer, …")
    choices: list[ChoiceOut] | None = None


class StepOut(Schema):
    name: str
    label: str
    target: str
    target_label: str
    reason: str = Field(description='"" none, "optional" or "required"')
    fields: list[FieldOut]
    generic: bool = Field(description="false: taken through the record's own endpoint")


class StepsOut(Schema):
    kind: str
    id: int
    state: str
    state_label: str
    transitions: list[StepOut]


class StepIn(Schema):
    reason: str = Field("", max_length=2000)
    expected_state: str | None = Field(None, max_length=30, description="the state the caller saw")
    data: dict[str, Any] = Field(default_factory=dict, description="the step's fields")


def _kind_of(field: forms.Field) -> str:
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return "multiple_choice"
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return "choice"
    if isinstance(field.widget, forms.Textarea):
        return "textarea"
    return type(field).__name__.removesuffix("Field").lower() or "text"


def _field(name: str, field: forms.Field) -> FieldOut:
    choices = None
    if hasattr(field, "choices"):
        choices = [
            ChoiceOut(value=str(v), label=str(label)) for v, label in field.choices if v != ""
        ]
    return FieldOut(
        name=name, label=str(field.label or name), required=field.required,
        kind=_kind_of(field), choices=choices,
    )  # fmt: skip


def _steps(workflow: Workflow, record, user) -> StepsOut:
    state = workflow.state_of(record)
    transitions = []
    for step in available_steps(workflow, record, user):
        form = step_form(workflow, step, record)
        fields = [_field(n, f) for n, f in form.fields.items() if n != "seen_state"]
        transitions.append(
            StepOut(
                name=step.name,
                label=str(step.label),
                target=step.target,
                target_label=str(workflow.state(step.target).label),
                reason=step.reason,
                fields=fields,
                generic=not step.page,
            )
        )
    return StepsOut(
        kind=workflow.name,
        id=record.pk,
        state=state,
        state_label=str(workflow.state(state).label),
        transitions=transitions,
    )


@router.get("/{kind}/{record_id}/transitions", response={200: StepsOut, **ERRORS})
def transitions(request: HttpRequest, kind: str, record_id: int):
    workflow, record = find_record(kind, record_id)
    check_may_act(workflow, record, request.user)
    return _steps(workflow, record, request.user)


@router.post("/{kind}/{record_id}/transitions/{name}", response={200: StepsOut, **ERRORS})
def take(request: HttpRequest, kind: str, record_id: int, name: str, payload: StepIn):
    """Answers the record's state and steps after the step."""
    workflow, record = find_record(kind, record_id)
    record = take_step(
        workflow, record, name, request.user,
        reason=payload.reason, expected_state=payload.expected_state, data=payload.data,
    )  # fmt: skip
    return _steps(workflow, record, request.user)
