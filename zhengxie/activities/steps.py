"""How the activities services take the steps their tables (workflow.py) declare."""

from django.db import models

from zhengxie.core.workflow import apply, workflow_named, workflow_of


def take(record: models.Model, name: str, actor, **data) -> models.Model:
    """apply() for a service: the step starts from the row as it is now, so a loader, a task
    or a test holding an older copy is not refused as if someone else had moved it first.
    (The act page passes apply the state the person saw.)"""
    workflow = workflow_of(record)
    states = workflow.model._default_manager.values_list(workflow.state_field, flat=True)
    now = states.get(pk=record.pk)
    return apply(record, name, actor, workflow=workflow, expected_state=now, **data)


def states_allowing(workflow_name: str, what: str) -> list[str]:
    """The states whose row in the table says they allow `what` ("take_part", ...)."""
    return [s.code for s in workflow_named(workflow_name).states if what in s.allows]
