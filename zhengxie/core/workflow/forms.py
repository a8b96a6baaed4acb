"""The form of a step: the transition's own fields, a reason where the table asks for one, and
the state the person saw (so a step someone else took first is refused, not repeated)."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .definition import Reason, Transition, Workflow

REASON_MAX_CHARS = 2000


def step_form(workflow: Workflow, step: Transition, record: models.Model, data=None) -> forms.Form:
    base = step.form or forms.Form
    attrs = {"seen_state": forms.CharField(widget=forms.HiddenInput, required=False)}
    if step.reason != Reason.NONE and "reason" not in base.base_fields:
        attrs["reason"] = forms.CharField(
            label=step.reason_label,
            required=step.reason == Reason.REQUIRED,
            max_length=REASON_MAX_CHARS,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
    form_class = type("StepForm", (base,), attrs)
    kwargs = step.form_kwargs(record) if step.form_kwargs else {}
    return form_class(data, initial={"seen_state": workflow.state_of(record)}, **kwargs)


class OverrideForm(forms.Form):
    target = forms.ChoiceField(label=_("调整为"))
    reason = forms.CharField(
        label=_("理由"), max_length=REASON_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, workflow: Workflow, record: models.Model, **kwargs):
        super().__init__(*args, **kwargs)
        current = workflow.state_of(record)
        self.fields["target"].choices = [
            (s.code, s.label) for s in workflow.states if s.code != current
        ]
