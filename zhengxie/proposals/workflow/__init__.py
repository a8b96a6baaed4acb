"""The proposals app's state machines, declared on the platform's one engine
(`zhengxie.core.workflow`): the proposal itself (proposal.py) and, around it, the co-signature
invitations, the units' replies, extension requests and reassignment requests (handling.py).
apps.py registers them; services take every step through `apply`, the record page's buttons and
the guide page (`core:workflow_guide`, "业务流程") read the same tables.

This module names the groups of proposal states that reads and rules share."""

from django.db.models import Model

from zhengxie.core.workflow import apply, workflow_named

from ..models import ProposalState as S

# States a proposal can no longer leave through the ordinary table.
FINAL_STATES = frozenset({S.MERGED, S.DECLINED, S.TO_OPINION, S.TO_LETTER, S.WITHDRAWN, S.CLOSED})
# States in which the proposal has been registered and counts as such in the figures.
REGISTERED_STATES = frozenset(
    {S.REGISTERED, S.ASSIGNED, S.REPLY_REVIEW, S.REPLIED, S.REDO, S.CLOSED}
)
# States before the office has received the proposal: it is its writers' alone (the author,
# and the co-signers once invited), hidden from the office, leaders and other members.
UNSUBMITTED_STATES = frozenset({S.DRAFT, S.COSIGNING})
# States in which units are handling and the deadline runs.
HANDLING_STATES = frozenset({S.ASSIGNED, S.REDO})
# States the committee decides from.
REVIEWABLE = frozenset({S.SUBMITTED, S.IN_REVIEW})
# What another proposal may be merged into: one under review or registered.
MERGE_TARGET_STATES = REGISTERED_STATES | REVIEWABLE

# What a state allows besides its transitions (State.allows).
EDIT = "edit"  # the proposer edits the text and its attachments


def allows(state: str, what: str) -> bool:
    """Whether a proposal in `state` allows `what`, as the proposal's table says."""
    return what in workflow_named("proposal").state(state).allows


def take(record: Model, name: str, actor, *, expected_state: str | None = None, **data) -> Model:
    """The engine's `apply` as this app's services call it. Given the state the person saw,
    the step is refused when the record moved since; without it (tasks, loaders, code holding
    an older copy of the record) the step acts on the record as it is now."""
    if expected_state is None:
        record.refresh_from_db()
    return apply(record, name, actor, expected_state=expected_state, **data)
