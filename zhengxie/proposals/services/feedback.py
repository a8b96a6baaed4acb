"""Feedback: every proposer rates the reply; 不满意 opens a redo with a new deadline; the
proposal closes when everyone has rated or the window has closed. The functions taking a
`step` are the guards and effects of the proposal's rate, open_redo and close steps.

A paper rating the office enters later takes `at`, when it was made: the window is checked on
that day, and the rating, the redo's deadline or the closing it sets off are dated by it
(`Step.moment`)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.permissions import active_seat
from zhengxie.core.rules import rule
from zhengxie.core.workdays import add_months
from zhengxie.core.workflow import InvalidInput, Step, WorkflowError, apply

from .. import rules
from ..models import Feedback, Proposal, ProposalState, Proposer, Rating
from ..permissions import check_office_of, raters_of
from ..workflow import take
from .inputs import check_not_future, dated
from .notices import tell_proposers


def rate_reply(
    *,
    proposal: Proposal,
    actor: User,
    rating: str,
    comment: str = "",
    on_behalf_of: Proposer | None = None,
    at: dt.datetime | None = None,
) -> Feedback:
    """A proposer rates the round; the office may enter a proposer's paper rating
    (无法上网的委员，评价意见交由提案委录入)."""
    check_not_future(at, what=_("评价时间"))
    proposer = _rater(proposal, actor, on_behalf_of)
    if rating not in Rating.values:
        raise InvalidInput(_("评价：请选择满意、基本满意或不满意。"), field="rating")
    comment = comment.strip()
    if rating == Rating.DISSATISFIED and not comment:
        raise InvalidInput(_("意见：评价不满意时请说明理由。"), field="comment")
    reason = f"{proposer.name}：{Rating(rating).label}" + (f"。{comment}" if comment else "")
    if on_behalf_of is not None:
        reason = _("（纸质评价，机关录入）") + reason
    with transaction.atomic():
        take(
            proposal,
            "rate",
            actor,
            reason=reason,
            proposer=proposer,
            rating=rating,
            comment=comment,
            on_paper=on_behalf_of is not None,
            **dated(at),
        )
        return proposer.feedbacks.latest("pk")


def _rater(proposal: Proposal, actor: User, on_behalf_of: Proposer | None) -> Proposer:
    if on_behalf_of is not None:
        check_office_of(actor, proposal)
        if not raters_of(proposal).filter(pk=on_behalf_of.pk).exists():
            raise InvalidInput(_("评价人：不是该提案的提案者。"), field="on_behalf_of")
        return on_behalf_of
    member = active_seat(actor)
    proposer = raters_of(proposal).filter(member=member).first() if member else None
    if proposer is None:
        raise PermissionDenied(_("只有提案者可以评价办理结果。"))
    return proposer


def check_rating(step: Step) -> None:
    proposal, proposer = step.record, step.data.get("proposer")
    if proposer is None:
        raise InvalidInput(_("评价人：请选择。"), field="proposer")
    on = timezone.localdate(step.moment())
    if proposal.feedback_deadline and on > proposal.feedback_deadline:
        raise WorkflowError(_("评价期限已过。"))
    if Feedback.objects.filter(proposer=proposer, round=proposal.redo_round).exists():
        raise WorkflowError(_("%(name)s 已评价过本轮办理结果。") % {"name": proposer.name})


def record_feedback(step: Step) -> None:
    proposal, at = step.record, step.data.get("at")
    feedback = Feedback(
        committee_id=proposal.committee_id,
        proposal=proposal,
        proposer=step.data["proposer"],
        round=proposal.redo_round,
        rating=step.data["rating"],
        comment=step.data.get("comment", ""),
        on_paper=step.data.get("on_paper", False),
        entered_by=step.actor,
        rated_at=step.moment(),
    )
    feedback._history_user = step.actor
    if at is not None:
        feedback._history_date = at
    feedback.save()


def settle_round(step: Step) -> None:
    """不满意 opens a redo; the last proposer's rating closes the proposal."""
    proposal = step.record
    at = dated(step.data.get("at"))
    if step.data["rating"] == Rating.DISSATISFIED:
        # The system opens the round; the units' history names the rater who set it off.
        apply(proposal, "open_redo", None, reason=step.data["comment"], rater=step.actor, **at)
    elif not raters_of(proposal).exclude(feedbacks__round=proposal.redo_round).exists():
        apply(proposal, "close", None, reason=_("提案者均已评价"), **at)


def start_redo_round(step: Step) -> None:
    """不满意: the answering units handle it again with a new deadline, and reply anew."""
    proposal = step.record
    opened_on = timezone.localdate(step.moment())
    deadline = add_months(opened_on, rule(proposal.committee_id, rules.REDO_MONTHS))
    step.touch(redo_round=proposal.redo_round + 1, reply_deadline=deadline, feedback_deadline=None)


def reset_unit_deadlines(step: Step) -> None:
    """Each active assignment takes the new deadline (its reminders start again), with history."""
    for assignment in step.record.assignments.filter(is_active=True):
        assignment.deadline, assignment.reminders_sent = step.record.reply_deadline, []
        assignment._history_user = step.actor or step.data.get("rater")
        assignment._change_reason = step.label
        if step.data.get("at") is not None:
            assignment._history_date = step.data["at"]
        assignment.save(update_fields=["deadline", "reminders_sent"])


def tell_redo(step: Step) -> None:
    proposal = step.record
    tell_proposers(
        proposal,
        title=_("提案“%(t)s”重新办理") % {"t": proposal.title},
        body=_("新的办理期限：%(d)s") % {"d": proposal.reply_deadline},
    )


def stamp_closed(step: Step) -> None:
    """On entering 已办结: the day it closed, kept if it had one."""
    if step.record.closed_on is None:
        step.touch(closed_on=timezone.localdate(step.moment()))


def close_proposal(*, proposal: Proposal, actor: User, reason: str = "") -> Proposal:
    """The office closes a replied proposal before every proposer has rated."""
    return take(proposal, "close", actor, reason=reason)


def close_expired_feedback(*, today: dt.date | None = None) -> int:
    """The window task: replied proposals whose feedback window has passed close."""
    today = today or timezone.localdate()
    closed = 0
    for proposal in Proposal.objects.filter(
        state=ProposalState.REPLIED, feedback_deadline__lt=today
    ):
        try:
            apply(proposal, "close", None, reason=_("评价期限已过"))
            closed += 1
        except WorkflowError:
            continue  # rated or closed meanwhile
    return closed
