"""A workflow as plain data: what `manage.py workflows --json`, the guide page and the docs
print. Effects are named by their functions, so a table reads as what it sets off."""

from .definition import OVERRIDE, Effect, Transition, Workflow


def effect_names(effects: list[Effect] | tuple[Effect, ...]) -> list[str]:
    return [getattr(e, "__name__", repr(e)) for e in effects]


def transition_effects(workflow: Workflow, t: Transition) -> list[str]:
    return effect_names([*t.effects(), *workflow.state(t.target).on_enter])


def describe(workflow: Workflow) -> dict:
    transitions = [
        {
            "name": t.name,
            "label": str(t.label),
            "from": sorted(t.sources),
            "to": t.target,
            "who": [w.code for w in t.who],
            "effects": transition_effects(workflow, t),
        }
        for t in workflow.transitions
    ]
    transitions.append(
        {
            "name": OVERRIDE,
            "label": "强制调整状态",
            "from": [s.code for s in workflow.states],
            "to": "*",
            "who": [workflow.override_by.code],
            "effects": effect_names(
                list(dict.fromkeys(e for s in workflow.states for e in s.on_enter))
            ),
        }
    )
    return {
        "name": workflow.name,
        "label": str(workflow.label),
        "model": workflow.model._meta.label,
        "states": [
            {"code": s.code, "label": str(s.label), "terminal": s.terminal} for s in workflow.states
        ],
        "transitions": transitions,
    }


def table_rows(workflow: Workflow) -> list[dict]:
    """The transition table as people read it: labels, not codes."""
    label = {s.code: str(s.label) for s in workflow.states}
    return [
        {
            "label": str(t.label),
            "sources": [label[s.code] for s in workflow.states if s.code in t.sources],
            "target": label[t.target],
            "who": [str(w.label) for w in t.who],
            "effects": transition_effects(workflow, t),
        }
        for t in workflow.transitions
    ]
