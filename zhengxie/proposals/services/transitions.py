"""The one way a proposal changes state: check the actor against the workflow table, lock the
row, check the state the person saw, save, write history with the reason, tell every proposer."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.services.notifications import notify

from ..models import Proposal, ProposalState, Proposer
from ..permissions import check_office_of, check_take
from ..similarity import index_proposal
from ..workflow import Transition, transition


class WorkflowError(Exception):
    """A step that cannot be taken now; the message is shown to the person as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AlreadyHandled(WorkflowError):
    """Someone else moved the proposal while this person was looking at it."""


def lock_for(
    *, proposal: Proposal, action: str, actor: User | None, expected_state: str | None = None
) -> tuple[Proposal, Transition]:
    """Checks the actor, then locks the proposal row (call inside transaction.atomic) and checks
    that the state is still the one the person saw and one the action starts from."""
    step = transition(action)
    check_take(actor, proposal, step)
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if expected_state and locked.state != expected_state:
        raise AlreadyHandled(already_handled_message(locked))
    if locked.state not in step.sources:
        if proposal.state in step.sources:
            raise AlreadyHandled(already_handled_message(locked))
        raise WorkflowError(
            _("提案当前状态为“%(state)s”，不能%(action)s。")
            % {"state": locked.get_state_display(), "action": step.label}
        )
    return locked, step


def already_handled_message(locked: Proposal) -> str:
    return _("该提案已被他人处理（当前状态：%(state)s），请刷新页面后再操作。") % {
        "state": locked.get_state_display()
    }


def save_state(
    *,
    proposal: Proposal,
    target: str,
    actor: User | None,
    label: str,
    reason: str = "",
    fields: Iterable[str] = (),
) -> Proposal:
    """Saves the new state and the named fields; history keeps who, the step and the reason."""
    proposal.state = target
    proposal._history_user = actor
    proposal._change_reason = f"{label}：{reason}" if reason else str(label)
    proposal.save(update_fields=["state", "updated_at", *fields])
    # The search index follows every state change in the same transaction, so a rolled-back
    # step leaves the index as it was: drafts leave it, submissions enter it.
    index_proposal(proposal=proposal)
    return proposal


def require_reason(reason: str, *, what: str = "") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("请填写%(what)s。") % {"what": what or _("理由")})
    return reason


def recipients_of(proposal: Proposal) -> list[User]:
    """Every proposer of the proposal and of those merged into it, plus the draft's author."""
    users = {proposal.created_by_id: proposal.created_by} if proposal.created_by_id else {}
    rows = Proposer.objects.filter(
        proposal__in=[proposal.pk, *proposal.merged_proposals.values_list("pk", flat=True)],
        member__user__isnull=False,
    ).select_related("member__user")
    for row in rows:
        users[row.member.user_id] = row.member.user
    return list(users.values())


def tell_proposers(*, proposal: Proposal, title: str, body: str = "") -> None:
    """After commit: one inbox message per proposer with the outcome and the reason."""
    url = f"/proposals/{proposal.pk}/"

    def send() -> None:
        notify(recipients=recipients_of(proposal), title=title, body=body, url=url)

    transaction.on_commit(send)


def take(
    *,
    proposal: Proposal,
    action: str,
    actor: User | None,
    reason: str = "",
    expected_state: str | None = None,
) -> Proposal:
    """A plain step that needs nothing but (where the table says so) a reason."""
    step = transition(action)
    if "reason" in step.needs:
        reason = require_reason(reason)
    with transaction.atomic():
        locked, step = lock_for(
            proposal=proposal, action=action, actor=actor, expected_state=expected_state
        )
        save_state(
            proposal=locked, target=step.target, actor=actor, label=step.label, reason=reason
        )
        tell_proposers(
            proposal=locked,
            title=_("提案“%(title)s”：%(action)s") % {"title": locked.title, "action": step.label},
            body=reason,
        )
    return locked


def override_state(*, proposal: Proposal, target: str, actor: User, reason: str) -> Proposal:
    """The office moves a record to any state; the written reason stays in history."""
    check_office_of(actor, proposal)
    reason = require_reason(reason)
    if target not in ProposalState.values:
        raise WorkflowError(_("目标状态无效。"))
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        save_state(
            proposal=locked, target=target, actor=actor, label=_("强制调整状态"), reason=reason
        )
    return locked
