"""The proposal workflow as data: states, the transitions between them, who may take each and
what each requires. Services check transitions against this table, the record page lists the
actions it allows a person, and `diagram_mermaid()` draws it for the docs."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import ProposalState as S


class Actor:
    """Who takes a transition, relative to the proposal (not only by role)."""

    PROPOSER = "proposer"  # the first proposer (or whoever wrote the draft)
    OFFICE = "office"  # staff or administrator of the proposal's committee
    UNIT = "unit"  # a unit with an active lead or split assignment on the proposal
    SYSTEM = "system"  # deadlines and feedback, run by tasks


class Need:
    """What a transition requires from the actor."""

    REASON = "reason"  # a written reason, kept in history and sent to the proposers
    GROUNDS = "grounds"  # one or more of the ten standard grounds for 不予立案
    MERGE_TARGET = "merge_target"  # the proposal it is merged into
    UNITS = "units"  # lead (+ co) units, or split units
    REPLY = "reply"  # a reply with a result class


@dataclass(frozen=True)
class Transition:
    action: str
    label: str | Promise
    sources: frozenset[str]
    target: str
    actors: frozenset[str]
    needs: frozenset[str] = frozenset()
    # Shown as a button on the record page; False for steps that other pages or tasks drive.
    button: bool = True
    style: str = ""


def _t(action, label, sources, target, actors, needs=(), **kw) -> Transition:
    return Transition(
        action, label, frozenset(sources), target, frozenset(actors), frozenset(needs), **kw
    )


REVIEWABLE = (S.SUBMITTED, S.IN_REVIEW)

TRANSITIONS: tuple[Transition, ...] = (
    _t("submit", _("提交"), (S.DRAFT, S.RETURNED), S.SUBMITTED, {Actor.PROPOSER}, button=False),
    _t(
        "start_cosigning",
        _("发起联名"),
        (S.DRAFT, S.RETURNED),
        S.COSIGNING,
        {Actor.PROPOSER},
        button=False,
    ),
    _t(
        "close_cosigning",
        _("结束联名并提交"),
        (S.COSIGNING,),
        S.SUBMITTED,
        {Actor.PROPOSER, Actor.SYSTEM},
    ),
    _t("preliminary", _("初审"), (S.SUBMITTED,), S.IN_REVIEW, {Actor.OFFICE}, {Need.REASON}),
    _t(
        "return_for_revision",
        _("退回修改"),
        REVIEWABLE,
        S.RETURNED,
        {Actor.OFFICE},
        {Need.REASON},
        style="warn",
    ),
    _t("register", _("立案"), REVIEWABLE, S.REGISTERED, {Actor.OFFICE}, style="primary"),
    _t("merge", _("并案"), REVIEWABLE, S.MERGED, {Actor.OFFICE}, {Need.MERGE_TARGET, Need.REASON}),
    _t(
        "decline",
        _("不予立案"),
        REVIEWABLE,
        S.DECLINED,
        {Actor.OFFICE},
        {Need.GROUNDS, Need.REASON},
        style="bad",
    ),
    _t(
        "convert_to_opinion",
        _("转社情民意"),
        REVIEWABLE,
        S.TO_OPINION,
        {Actor.OFFICE},
        {Need.REASON},
    ),
    _t(
        "convert_to_letter", _("转委员来信"), REVIEWABLE, S.TO_LETTER, {Actor.OFFICE}, {Need.REASON}
    ),
    _t(
        "withdraw",
        _("撤案"),
        (S.COSIGNING, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.REGISTERED),
        S.WITHDRAWN,
        {Actor.PROPOSER},
        {Need.REASON},
        style="bad",
    ),
    _t(
        "assign",
        _("交办"),
        (S.REGISTERED,),
        S.ASSIGNED,
        {Actor.OFFICE},
        {Need.UNITS},
        style="primary",
    ),
    _t(
        "submit_reply",
        _("报送答复"),
        (S.ASSIGNED, S.REDO),
        S.REPLY_REVIEW,
        {Actor.UNIT},
        {Need.REPLY},
        button=False,
    ),
    _t(
        "return_reply",
        _("退回答复"),
        (S.REPLY_REVIEW,),
        S.ASSIGNED,
        {Actor.OFFICE},
        {Need.REASON},
        style="warn",
    ),
    _t(
        "approve_reply",
        _("审核并答复"),
        (S.REPLY_REVIEW,),
        S.REPLIED,
        {Actor.OFFICE},
        style="primary",
    ),
    _t(
        "open_redo",
        _("重新办理"),
        (S.REPLIED,),
        S.REDO,
        {Actor.SYSTEM},
        {Need.REASON},
        button=False,
    ),
    _t("close", _("办结"), (S.REPLIED,), S.CLOSED, {Actor.OFFICE, Actor.SYSTEM}),
)

BY_ACTION = {t.action: t for t in TRANSITIONS}

# The office may move a record to any state with a written reason (history keeps it).
OVERRIDE = _t(
    "override", _("强制调整状态"), S.values, "*", {Actor.OFFICE}, {Need.REASON}, button=False
)

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


def transition(action: str) -> Transition:
    return BY_ACTION[action]


def allowed_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if state in t.sources]


def diagram_mermaid() -> str:
    """The workflow as a Mermaid state diagram (docs/workflow.md is generated from it)."""
    lines = ["stateDiagram-v2"]
    for t in TRANSITIONS:
        for source in sorted(t.sources):
            actors = "/".join(sorted(t.actors))
            lines.append(f"    {source} --> {t.target}: {t.label} [{actors}]")
    return "\n".join(lines)
