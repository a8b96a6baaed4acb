"""Every workflow of the platform, registered once by its app (in AppConfig.ready), so that
the act view, the diagrams and `manage.py workflows` find them by name or by model."""

from django.db import models

from .definition import Workflow

_workflows: dict[str, Workflow] = {}


def register(*workflows: Workflow) -> None:
    for workflow in workflows:
        known = _workflows.get(workflow.name)
        if known is not None and known is not workflow:
            raise ValueError(f"two workflows are named {workflow.name!r}")
        _workflows[workflow.name] = workflow


def all_workflows() -> list[Workflow]:
    return sorted(_workflows.values(), key=lambda w: (w.app_label, w.name))


def workflow_named(name: str) -> Workflow:
    try:
        return _workflows[name]
    except KeyError:
        raise LookupError(f"no workflow is named {name!r}") from None


def workflow_of(record: models.Model | type[models.Model]) -> Workflow:
    """The workflow of a record's model; a model with two state machines names its own."""
    model = record if isinstance(record, type) else type(record)
    found = [w for w in _workflows.values() if w.model is model]
    if len(found) != 1:
        raise LookupError(f"{model.__name__} has {len(found)} workflows; name the one meant")
    return found[0]


def workflows_of_app(app_label: str) -> list[Workflow]:
    return [w for w in all_workflows() if w.app_label == app_label]
