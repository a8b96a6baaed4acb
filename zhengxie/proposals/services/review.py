"""Review: the preliminary opinion, then the committee's decision. Registration takes the next
案号 of the plenary from a locked counter, so concurrent registrations never collide or skip."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty, revoke_duty
from zhengxie.opinions.services import intake_converted_proposal

from ..models import (
    ConversionState,
    DeclineGround,
    NumberCounter,
    Proposal,
    ProposalState,
    ProposerKind,
)
from ..workflow import REGISTERED_STATES
from .transitions import WorkflowError, lock_for, require_reason, save_state, take, tell_proposers


def give_preliminary_opinion(
    *, proposal: Proposal, actor: User, opinion: str, expected_state: str | None = None
) -> Proposal:
    opinion = require_reason(opinion, what=_("初审意见"))
    with transaction.atomic():
        locked, step = lock_for(
            proposal=proposal, action="preliminary", actor=actor, expected_state=expected_state
        )
        locked.preliminary_opinion = opinion
        save_state(
            proposal=locked,
            target=step.target,
            actor=actor,
            label=step.label,
            reason=opinion,
            fields=["preliminary_opinion"],
        )
    return locked


def return_for_revision(
    *, proposal: Proposal, actor: User, reason: str, expected_state: str | None = None
) -> Proposal:
    return take(
        proposal=proposal,
        action="return_for_revision",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
    )


def next_number(plenary_id: int) -> int:
    """The next 案号: the counter row is locked until the caller's transaction ends, so a second
    registration waits and then takes the following number; a rollback gives the number back."""
    NumberCounter.objects.get_or_create(plenary_id=plenary_id)
    counter = NumberCounter.objects.select_for_update().get(plenary_id=plenary_id)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _decide(locked: Proposal, actor: User, step, reason: str, fields: list[str]) -> Proposal:
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_reason = reason
    save_state(
        proposal=locked,
        target=step.target,
        actor=actor,
        label=step.label,
        reason=reason,
        fields=["decided_at", "decided_by", "decision_reason", *fields],
    )
    tell_proposers(
        proposal=locked,
        title=_("提案“%(t)s”审查结果：%(r)s") % {"t": locked.title, "r": step.label},
        body=reason,
    )
    return locked


def register_proposal(
    *,
    proposal: Proposal,
    actor: User,
    reason: str = "",
    expected_state: str | None = None,
    registered_on: dt.date | None = None,
) -> Proposal:
    """立案: the next 案号, then duty credit to the first proposer and every co-signer.
    Locks the proposal, then the plenary's counter (the fixed order every registration uses)."""
    with transaction.atomic():
        locked, step = lock_for(
            proposal=proposal, action="register", actor=actor, expected_state=expected_state
        )
        if locked.plenary_id is None:
            raise WorkflowError(_("提案未关联会议，不能立案。"))
        locked.number = next_number(locked.plenary_id)
        locked.registered_on = registered_on or timezone.localdate()
        _decide(locked, actor, step, reason, ["number", "registered_on"])
        credit_proposers(locked)
    return locked


def credit_proposers(proposal: Proposal) -> None:
    first_role = "joint" if proposal.proposer_kind == ProposerKind.JOINT else "first"
    for row in proposal.proposers.filter(member__isnull=False).select_related("member"):
        credit_duty(
            member=row.member,
            kind=DutyKind.PROPOSAL,
            source=proposal,
            occurred_on=proposal.registered_on or timezone.localdate(),
            role=first_role if row.is_first else "cosigner",
            note=proposal.title,
        )


def merge_proposal(
    *,
    proposal: Proposal,
    into: Proposal,
    actor: User,
    reason: str,
    expected_state: str | None = None,
) -> Proposal:
    """并案: the merged proposal keeps its proposers; they are answered with the main one."""
    reason = require_reason(reason, what=_("并案理由"))
    if into.pk == proposal.pk or into.committee_id != proposal.committee_id:
        raise WorkflowError(_("并入提案：须为本级政协的另一件提案。"))
    if into.merged_into_id or into.state not in REGISTERED_STATES | {
        ProposalState.SUBMITTED,
        ProposalState.IN_REVIEW,
    }:
        raise WorkflowError(
            _("并入提案：第%(n)s号提案不能作为主案。") % {"n": into.number or into.pk}
        )
    with transaction.atomic():
        locked, step = lock_for(
            proposal=proposal, action="merge", actor=actor, expected_state=expected_state
        )
        locked.merged_into = into
        return _decide(locked, actor, step, reason, ["merged_into"])


def decline_proposal(
    *,
    proposal: Proposal,
    actor: User,
    grounds: list[str],
    reason: str,
    expected_state: str | None = None,
) -> Proposal:
    """不予立案 with one or more of the ten standard grounds and a text."""
    grounds = [g for g in grounds if g in DeclineGround.values]
    if not grounds:
        raise WorkflowError(_("不予立案理由：请至少选择一项。"))
    reason = require_reason(reason, what=_("审查意见"))
    labels = "；".join(str(DeclineGround(g).label) for g in grounds)
    with transaction.atomic():
        locked, step = lock_for(
            proposal=proposal, action="decline", actor=actor, expected_state=expected_state
        )
        locked.decline_grounds = grounds
        return _decide(locked, actor, step, f"{labels}。{reason}", ["decline_grounds"])


def _hand_to_opinions(proposal: Proposal, actor: User) -> str:
    """转社情民意: the report lands in the opinion reports' editing intake, its authors the
    proposers on the roster, linked back to this proposal."""
    member_ids = [
        member_id
        for member_id in proposal.proposers.values_list("member_id", flat=True)
        if member_id is not None
    ]
    report = intake_converted_proposal(
        committee=proposal.committee,
        title=proposal.title,
        body=proposal.full_text or proposal.title,
        member_ids=member_ids,
        source=proposal,
        actor=actor,
        reflected_at=proposal.submitted_at,
    )
    return str(report.pk)


def convert_to_opinion(
    *, proposal: Proposal, actor: User, reason: str, expected_state: str | None = None
) -> Proposal:
    """转社情民意: handed to the opinion reports' intake in the same transaction, so the
    conversion and the new report land together or not at all."""
    reason = require_reason(reason, what=_("转办理由"))
    with transaction.atomic():
        locked, step = lock_for(
            proposal=proposal,
            action="convert_to_opinion",
            actor=actor,
            expected_state=expected_state,
        )
        locked.conversion_state = ConversionState.DELIVERED
        locked.conversion_ref = _hand_to_opinions(locked, actor)
        return _decide(locked, actor, step, reason, ["conversion_state", "conversion_ref"])


def convert_to_letter(
    *, proposal: Proposal, actor: User, reason: str, expected_state: str | None = None
) -> Proposal:
    reason = require_reason(reason, what=_("转办理由"))
    with transaction.atomic():
        locked, step = lock_for(
            proposal=proposal,
            action="convert_to_letter",
            actor=actor,
            expected_state=expected_state,
        )
        return _decide(locked, actor, step, reason, [])


def withdraw_proposal(
    *, proposal: Proposal, actor: User, reason: str, expected_state: str | None = None
) -> Proposal:
    """撤案 by the proposer; a registered proposal's duty credits are reversed."""
    reason = require_reason(reason, what=_("撤案理由"))
    with transaction.atomic():
        locked, step = lock_for(
            proposal=proposal, action="withdraw", actor=actor, expected_state=expected_state
        )
        was_registered = locked.state == ProposalState.REGISTERED
        _decide(locked, actor, step, reason, [])
        if was_registered:
            for row in locked.proposers.filter(member__isnull=False).select_related("member"):
                revoke_duty(member=row.member, kind=DutyKind.PROPOSAL, source=locked, note=reason)
    return locked
