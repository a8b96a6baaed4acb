"""Feedback: every proposer rates the reply; 不满意 opens a redo with a new deadline; the
proposal closes when everyone has rated or the window has closed."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.permissions import active_seat
from zhengxie.core.rules import rule
from zhengxie.core.workdays import add_months

from .. import rules
from ..models import Feedback, Proposal, ProposalState, Proposer, Rating
from ..permissions import check_office_of
from ..workflow import transition
from .transitions import WorkflowError, lock_for, save_state, tell_proposers


def raters_of(proposal: Proposal):
    """Who rates: the proposers of the proposal and of every proposal merged into it."""
    return Proposer.objects.filter(
        proposal__in=[proposal.pk, *proposal.merged_proposals.values_list("pk", flat=True)]
    )


def rate_reply(
    *,
    proposal: Proposal,
    actor: User,
    rating: str,
    comment: str = "",
    on_behalf_of: Proposer | None = None,
) -> Feedback:
    """A proposer rates the round; the office may enter a proposer's paper rating
    (无法上网的委员，评价意见交由提案委录入)."""
    proposer = _rater(proposal, actor, on_behalf_of)
    if rating not in Rating.values:
        raise WorkflowError(_("评价：请选择满意、基本满意或不满意。"))
    if rating == Rating.DISSATISFIED and not comment.strip():
        raise WorkflowError(_("意见：评价不满意时请说明理由。"))
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.state != ProposalState.REPLIED:
            raise WorkflowError(_("提案当前不在评价阶段。"))
        if locked.feedback_deadline and timezone.localdate() > locked.feedback_deadline:
            raise WorkflowError(_("评价期限已过。"))
        if Feedback.objects.filter(proposer=proposer, round=locked.redo_round).exists():
            raise WorkflowError(_("您已评价过本轮办理结果。"))
        feedback = Feedback.objects.create(
            committee_id=locked.committee_id,
            proposal=locked,
            proposer=proposer,
            round=locked.redo_round,
            rating=rating,
            comment=comment.strip(),
        )
        if rating == Rating.DISSATISFIED:
            _open_redo(locked, comment.strip(), actor=actor)
        elif not raters_of(locked).exclude(feedbacks__round=locked.redo_round).exists():
            _close(locked, actor=None, reason=_("提案者均已评价"))
    return feedback


def _rater(proposal: Proposal, actor: User, on_behalf_of: Proposer | None) -> Proposer:
    if on_behalf_of is not None:
        check_office_of(actor, proposal)
        if not raters_of(proposal).filter(pk=on_behalf_of.pk).exists():
            raise WorkflowError(_("评价人：不是该提案的提案者。"))
        return on_behalf_of
    member = active_seat(actor)
    proposer = raters_of(proposal).filter(member=member).first() if member else None
    if proposer is None:
        raise PermissionDenied(_("只有提案者可以评价办理结果。"))
    return proposer


def _open_redo(locked: Proposal, reason: str, *, actor: User) -> None:
    """不满意: the answering units handle it again with a new deadline, and reply anew. Each
    active assignment is saved with the rater and the reason in its history."""
    step = transition("open_redo")
    deadline = add_months(timezone.localdate(), rule(locked.committee_id, rules.REDO_MONTHS))
    locked.redo_round += 1
    locked.reply_deadline, locked.feedback_deadline = deadline, None
    for assignment in locked.assignments.select_for_update().filter(is_active=True):
        assignment.deadline, assignment.reminders_sent = deadline, []
        assignment._history_user = actor
        assignment._change_reason = _("不满意，重新办理")
        assignment.save(update_fields=["deadline", "reminders_sent"])
    save_state(
        proposal=locked,
        target=step.target,
        actor=None,
        label=step.label,
        reason=reason,
        fields=["redo_round", "reply_deadline", "feedback_deadline"],
    )
    tell_proposers(
        proposal=locked,
        title=_("提案“%(t)s”重新办理") % {"t": locked.title},
        body=_("新的办理期限：%(d)s") % {"d": deadline},
    )


def _close(locked: Proposal, *, actor: User | None, reason: str) -> None:
    step = transition("close")
    locked.closed_on = timezone.localdate()
    save_state(
        proposal=locked,
        target=step.target,
        actor=actor,
        label=step.label,
        reason=reason,
        fields=["closed_on"],
    )


def close_proposal(*, proposal: Proposal, actor: User, reason: str = "") -> Proposal:
    """The office closes a replied proposal before every proposer has rated."""
    with transaction.atomic():
        locked, _step = lock_for(proposal=proposal, action="close", actor=actor)
        _close(locked, actor=actor, reason=reason)
    return locked


def close_expired_feedback(*, today: dt.date | None = None) -> int:
    """The window task: replied proposals whose feedback window has passed close."""
    today = today or timezone.localdate()
    closed = 0
    for pk in Proposal.objects.filter(
        state=ProposalState.REPLIED, feedback_deadline__lt=today
    ).values_list("pk", flat=True):
        with transaction.atomic():
            locked = Proposal.objects.select_for_update().get(pk=pk)
            if locked.state == ProposalState.REPLIED:
                _close(locked, actor=None, reason=_("评价期限已过"))
                closed += 1
    return closed
