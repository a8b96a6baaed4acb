"""Every state machine of the platform is on the engine: each is registered with the office
override, no code but the engine changes a workflow's state field, and docs/workflows/ is
what the tables draw today."""

import re
from pathlib import Path

from django.conf import settings

from zhengxie.core.workflow import all_workflows
from zhengxie.core.workflow.docs import documents

ROOT = Path(settings.BASE_DIR)
CODE = ROOT / "zhengxie"
# The state machines issue 13 names, by their registered names.
EXPECTED = {
    "proposal", "cosignature", "reply", "extension", "reassignment",
    "opinion_report",
    "activity", "leave", "outcome", "essay_call", "essay", "plan_topic",
    "case", "agreed_action",
    "forum_post", "forum_thread", "forum_report",
    "duty_warning",
    "instruction",
}  # fmt: skip
# Loaders that create or load records in the state their source gives (not a change of state),
# and fields that share a workflow field's name on models that are not workflows.
NOT_A_TRANSITION = {
    "proposals/imports/": "the register import loads rows in the state the register gives",
    "core/imports/": "an import job's progress, not a workflow",
    "core/services/deliveries.py": "a notification copy's sending progress, not a workflow",
    "core/services/bulk_notices.py": "a bulk notice's sending progress, not a workflow",
    "insights/services.py": "a review job's progress, not a workflow",
    "activities/services/attendance.py": "attendance rows are facts settled by rule",
    "activities/services/guests.py": "a guest's sign-in mark, an attendance fact like members'",
    "core/workflow/": "the engine itself",
}


def test_every_state_machine_is_registered_with_an_override():
    names = {w.name for w in all_workflows()}
    assert names >= EXPECTED, sorted(EXPECTED - names)
    assert all(w.override_by is not None for w in all_workflows())


def _writes(field: str) -> re.Pattern:
    return re.compile(rf"\.{field}\s*=[^=]|\.update\([^)]*\b{field}\s*=")


def test_no_code_but_the_engine_changes_a_workflow_state():
    fields = {w.state_field for w in all_workflows()}
    patterns = [_writes(field) for field in fields]
    offenders = []
    for path in CODE.rglob("*.py"):
        relative = path.relative_to(CODE).as_posix()
        parts = set(path.relative_to(CODE).parts)
        if parts & {"tests", "migrations"} or "demo" in path.name:
            continue
        if any(relative.startswith(prefix) for prefix in NOT_A_TRANSITION):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in patterns):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_the_workflow_docs_are_what_the_tables_draw():
    folder = ROOT / "docs" / "workflows"
    stale = [
        name
        for name, content in documents().items()
        if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != content
    ]
    assert stale == [], "run: manage.py workflows --docs docs/workflows"
