"""One workflow engine under every state machine of the platform (see engine.py)."""

from .definition import OVERRIDE, SYSTEM, Reason, State, Transition, Who, Workflow, transition
from .engine import Step, apply, lock, may_take, override
from .errors import AlreadyHandled, InvalidInput, WorkflowError
from .registry import all_workflows, register, workflow_named, workflow_of, workflows_of_app
from .who import office

__all__ = [
    "OVERRIDE",
    "SYSTEM",
    "AlreadyHandled",
    "InvalidInput",
    "Reason",
    "State",
    "Step",
    "Transition",
    "Who",
    "Workflow",
    "WorkflowError",
    "all_workflows",
    "apply",
    "lock",
    "may_take",
    "office",
    "override",
    "register",
    "transition",
    "workflow_named",
    "workflow_of",
    "workflows_of_app",
]
