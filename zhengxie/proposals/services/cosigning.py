"""Joint proposals' co-signing: the invitations a submission sends, the invited members'
answers, and its close (the proposer early, the last answer, or the deadline), when whoever
has not answered drops. The functions taking a `step` are the guards and effects of the
proposal's co-signing steps and of the co-signature's table (workflow/)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.permissions import active_seat
from zhengxie.core.rules import rule
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import Step, WorkflowError, apply

from .. import rules
from ..models import CoSignature, CoSignatureState, Proposal, ProposalState, Proposer
from ..notifications import COSIGN_INVITATION
from ..workflow import take
from .notices import tell_proposers


def check_cosigners(step: Step) -> None:
    if not step.data.get("cosigners"):
        raise ValidationError({"cosigners": _("联名人：联名提案至少邀请一位委员。")})


def set_cosign_deadline(step: Step) -> None:
    days = rule(step.record.committee_id, rules.COSIGN_DAYS)
    step.touch(cosign_deadline=step.record.submitted_at + dt.timedelta(days=days))


def invite_cosigners(step: Step) -> None:
    proposal = step.record
    first = proposal.proposers.filter(is_first=True).values_list("member_id", flat=True).first()
    for member in dict.fromkeys(step.data["cosigners"]):
        if member.pk == first:
            continue
        if member.committee_id != proposal.committee_id:
            raise ValidationError(
                {"cosigners": _("联名人：%(n)s 不是本级政协委员。") % {"n": member}}
            )
        CoSignature.objects.get_or_create(
            committee_id=proposal.committee_id, proposal=proposal, member=member
        )


def tell_invitees(step: Step) -> None:
    proposal = step.record
    deadline = timezone.localtime(proposal.cosign_deadline).strftime("%Y-%m-%d %H:%M")
    invited = proposal.cosignatures.filter(
        state=CoSignatureState.INVITED, member__user__isnull=False
    )
    notify(
        kind=COSIGN_INVITATION,
        recipients=[c.member.user for c in invited.select_related("member__user")],
        title=_("联名邀请：%(t)s") % {"t": proposal.title},
        body=_("请在 %(d)s 前确认是否联名。") % {"d": deadline},
        url=reverse("proposals:detail", args=[proposal.pk]),
    )


def respond_cosignature(*, cosignature: CoSignature, actor: User, accept: bool) -> CoSignature:
    """The invited member confirms or declines; when nobody is left to answer, the proposal
    goes on to review by itself. Locks the proposal, then the invitation: the order closing
    co-signing takes too."""
    member = active_seat(actor)
    if member is None or member.pk != cosignature.member_id:
        raise WorkflowError(_("只有被邀请的委员本人可以确认联名。"))
    with transaction.atomic():
        Proposal.objects.select_for_update().get(pk=cosignature.proposal_id)
        return take(cosignature, "confirm" if accept else "decline", actor)


def check_cosigning_open(step: Step) -> None:
    proposal = step.record.proposal
    if proposal.state != ProposalState.COSIGNING:
        raise WorkflowError(_("联名已结束或您已答复。"))
    if proposal.cosign_deadline and timezone.now() > proposal.cosign_deadline:
        raise WorkflowError(_("联名确认已过截止时间。"))


def stamp_response(step: Step) -> None:
    step.touch(responded_at=timezone.now())


def add_cosigner_as_proposer(step: Step) -> None:
    proposal, member = step.record.proposal, step.record.member
    Proposer.objects.get_or_create(
        proposal=proposal,
        member=member,
        defaults={
            "committee_id": proposal.committee_id,
            "name": member.name,
            "position": proposal.proposers.count(),
        },
    )


def close_when_all_answered(step: Step) -> None:
    proposal = Proposal.objects.get(pk=step.record.proposal_id)
    if not proposal.cosignatures.filter(state=CoSignatureState.INVITED).exists():
        apply(proposal, "close_cosigning", None)


def close_cosigning(*, proposal: Proposal, actor: User | None) -> Proposal:
    """Ends co-signing (the proposer early, or the deadline task): who has not confirmed drops."""
    return take(proposal, "close_cosigning", actor)


def drop_pending_cosigners(step: Step) -> None:
    """Each unanswered invitation drops, in its own history, by whoever closed co-signing."""
    for invitation in step.record.cosignatures.filter(state=CoSignatureState.INVITED):
        apply(invitation, "drop", step.actor)


def check_cosigning_closed(step: Step) -> None:
    if step.record.proposal.state == ProposalState.COSIGNING:
        raise WorkflowError(_("联名仍在进行中。"))


def tell_submitted(step: Step) -> None:
    proposal = step.record
    dropped = proposal.cosignatures.filter(state=CoSignatureState.DROPPED).count()
    tell_proposers(
        proposal,
        title=_("提案“%(t)s”已提交审查") % {"t": proposal.title},
        body=_("%(n)s 位联名人逾期未确认，不计入。") % {"n": dropped} if dropped else "",
    )


def drop_expired_cosignatures(*, now: dt.datetime | None = None) -> int:
    """The deadline task: closes every joint proposal whose co-signing time is up."""
    now = now or timezone.now()
    due = Proposal.objects.filter(state=ProposalState.COSIGNING, cosign_deadline__lt=now)
    closed = 0
    for proposal in due:
        try:
            close_cosigning(proposal=proposal, actor=None)
            closed += 1
        except WorkflowError:
            continue  # someone closed it meanwhile
    return closed
