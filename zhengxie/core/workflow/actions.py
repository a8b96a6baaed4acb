"""The buttons on a record page, read from the engine: the transitions the person may take on
the record now, each linking to its form (the generic act page, or the app's own page), and
the office's override."""

from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .definition import OVERRIDE, Label, Workflow
from .registry import workflow_of


@dataclass(frozen=True)
class ActionLink:
    name: str
    label: Label
    url: str
    style: str = ""


def act_url(workflow: Workflow, record: models.Model, name: str) -> str:
    return reverse("core:workflow_act", args=[workflow.name, record.pk, name])


def actions_for(
    record: models.Model, actor, *, workflow: Workflow | None = None, with_override: bool = True
) -> list[ActionLink]:
    workflow = workflow or workflow_of(record)
    state = workflow.state_of(record)
    links = [
        ActionLink(
            t.name,
            t.label,
            reverse(t.page, args=[record.pk]) if t.page else act_url(workflow, record, t.name),
            t.style,
        )
        for t in workflow.transitions_from(state)
        if t.button and t.may(actor, record)
    ]
    if with_override and actor is not None and workflow.override_by(actor, record):
        links.append(
            ActionLink(OVERRIDE, _("强制调整状态"), act_url(workflow, record, OVERRIDE), "warn")
        )
    return links
