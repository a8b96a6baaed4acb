from pathlib import Path

import pytest

from zhengxie.proposals.models import ProposalState
from zhengxie.proposals.workflow import BY_ACTION, TRANSITIONS, allowed_from, diagram_mermaid

DOC = Path(__file__).resolve().parent.parent / "docs" / "workflow.md"


def test_every_transition_moves_between_known_states():
    states = set(ProposalState.values)
    for step in TRANSITIONS:
        assert step.sources <= states and step.target in states, step.action


def test_every_non_final_state_has_a_way_out():
    dead_ends = {"merged", "declined", "to_opinion", "to_letter", "withdrawn", "closed"}
    for state in set(ProposalState.values) - dead_ends:
        assert allowed_from(state), state


def test_the_docs_diagram_is_the_table():
    assert diagram_mermaid() in DOC.read_text(encoding="utf-8")


def test_decisions_that_need_a_reason_say_so():
    for action in ("decline", "merge", "return_for_revision", "withdraw", "convert_to_opinion"):
        assert "reason" in BY_ACTION[action].needs


@pytest.mark.django_db
def test_workflow_page_renders_the_table(client):
    page = client.get("/proposals/workflow/").content.decode()
    assert "stateDiagram-v2" in page and "不予立案" in page
