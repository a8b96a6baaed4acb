"""Review: the preliminary opinion, then the committee's decision. Each service is the domain
act behind one step of the proposal's table (workflow/proposal.py); the functions taking a
`step` are that table's guards and effects. Registration takes the next 案号 of the plenary
from a locked counter, so concurrent registrations never collide or skip."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.workflow import InvalidInput, Step, WorkflowError
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import Credit, credit_duty_many, revoke_duty
from zhengxie.opinions.services import intake_converted_proposal

from ..models import ConversionState, DeclineGround, NumberCounter, Proposal, ProposerKind
from ..workflow import MERGE_TARGET_STATES, take
from .inputs import check_not_future, dated


def give_preliminary_opinion(
    *, proposal: Proposal, actor: User, opinion: str, expected_state: str | None = None
) -> Proposal:
    return take(proposal, "preliminary", actor, reason=opinion, expected_state=expected_state)


def record_preliminary_opinion(step: Step) -> None:
    step.touch(preliminary_opinion=step.reason)


def return_for_revision(
    *, proposal: Proposal, actor: User, reason: str, expected_state: str | None = None
) -> Proposal:
    return take(
        proposal, "return_for_revision", actor, reason=reason, expected_state=expected_state
    )


def record_decision(step: Step) -> None:
    step.touch(decided_at=step.moment(), decided_by=step.actor, decision_reason=step.reason)


def register_proposal(
    *,
    proposal: Proposal,
    actor: User,
    reason: str = "",
    expected_state: str | None = None,
    registered_on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Proposal:
    """立案: the next 案号, then duty credit to the first proposer and every co-signer (the
    registered state's entry effects). Locks the proposal, then the plenary's counter.
    `at`: when a decision entered later was taken; it dates the decision and its history row,
    and is the day of registration unless `registered_on` says otherwise."""
    return _decided(
        proposal,
        "register",
        actor,
        at=at,
        what=_("立案时间"),
        reason=reason,
        expected_state=expected_state,
        registered_on=registered_on,
    )


def _decided(proposal: Proposal, action: str, actor: User, *, at, what: str, **data) -> Proposal:
    """A review decision taken now or, entered later, dated `at`: refused, naming `what`, when
    `at` lies ahead of now."""
    check_not_future(at, what=what)
    return take(proposal, action, actor, **data, **dated(at))


def next_number(plenary_id: int) -> int:
    """The next 案号: the counter row is locked until the caller's transaction ends, so a second
    registration waits and then takes the following number; a rollback gives the number back."""
    NumberCounter.objects.get_or_create(plenary_id=plenary_id)
    counter = NumberCounter.objects.select_for_update().get(plenary_id=plenary_id)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def number_proposal(step: Step) -> None:
    """On entering 已立案, however it got there: a registered proposal always has its 案号
    and its day of registration; one that has them keeps them."""
    proposal = step.record
    if proposal.number is None:
        if proposal.plenary_id is None:
            raise WorkflowError(_("提案未关联会议，不能立案。"))
        step.touch(number=next_number(proposal.plenary_id))
    if proposal.registered_on is None:
        on = step.data.get("registered_on") or timezone.localdate(step.moment())
        step.touch(registered_on=on)


def credit_proposers(step: Step) -> None:
    """Duty credit to every proposer on the roster; crediting twice credits once."""
    proposal = step.record
    first_role = "joint" if proposal.proposer_kind == ProposerKind.JOINT else "first"
    rows = proposal.proposers.filter(member__isnull=False).select_related("member")
    credit_duty_many(
        credits=[
            Credit(
                member=row.member,
                kind=DutyKind.PROPOSAL,
                source=proposal,
                occurred_on=proposal.registered_on or timezone.localdate(),
                role=first_role if row.is_first else "cosigner",
                note=proposal.title,
            )
            for row in rows
        ]
    )


def revoke_credits(step: Step) -> None:
    """On entering 已撤案: a withdrawn proposal credits nobody (nothing to reverse before
    registration)."""
    proposal = step.record
    for row in proposal.proposers.filter(member__isnull=False).select_related("member"):
        revoke_duty(member=row.member, kind=DutyKind.PROPOSAL, source=proposal, note=step.reason)


def merge_proposal(
    *,
    proposal: Proposal,
    into: Proposal,
    actor: User,
    reason: str,
    expected_state: str | None = None,
    at: dt.datetime | None = None,
) -> Proposal:
    """并案: the merged proposal keeps its proposers; they are answered with the main one.
    `at`: when a decision entered later was taken; it dates the decision and its history row."""
    return _decided(
        proposal,
        "merge",
        actor,
        at=at,
        what=_("并案时间"),
        reason=reason,
        expected_state=expected_state,
        into=into,
    )


def find_merge_target(step: Step) -> None:
    """The main proposal: given, or (on the form) named by its 案号 in the same plenary."""
    proposal, into = step.record, step.data.get("into")
    if into is None:
        number = step.data.get("into_number")
        into = Proposal.objects.filter(
            plenary_id=proposal.plenary_id, number=number, is_deleted=False
        ).first()
        if into is None:
            raise InvalidInput(
                _("并入提案：本次会议没有第%(n)s号提案。") % {"n": number}, field="into_number"
            )
    if into.pk == proposal.pk or into.committee_id != proposal.committee_id:
        raise InvalidInput(_("并入提案：须为本级政协的另一件提案。"), field="into")
    if into.merged_into_id or into.state not in MERGE_TARGET_STATES:
        raise WorkflowError(
            _("并入提案：第%(n)s号提案不能作为主案。") % {"n": into.number or into.pk}
        )
    step.data["into"] = into


def set_merged_into(step: Step) -> None:
    step.touch(merged_into=step.data["into"])


def decline_proposal(
    *,
    proposal: Proposal,
    actor: User,
    grounds: list[str],
    reason: str,
    expected_state: str | None = None,
    at: dt.datetime | None = None,
) -> Proposal:
    """不予立案 with one or more of the ten standard grounds and a text. `at` dates a decision
    entered later, as for 并案."""
    return _decided(
        proposal,
        "decline",
        actor,
        at=at,
        what=_("不予立案时间"),
        reason=reason,
        expected_state=expected_state,
        grounds=grounds,
    )


def check_grounds(step: Step) -> None:
    grounds = [g for g in step.data.get("grounds") or () if g in DeclineGround.values]
    if not grounds:
        raise InvalidInput(_("不予立案理由：请至少选择一项。"), field="grounds")
    step.data["grounds"] = grounds


def record_decline_grounds(step: Step) -> None:
    """The grounds, and the decision's text led by their names (told to the proposers)."""
    grounds = step.data["grounds"]
    labels = "；".join(str(DeclineGround(g).label) for g in grounds)
    step.touch(decline_grounds=grounds, decision_reason=f"{labels}。{step.reason}")


def convert_to_opinion(
    *,
    proposal: Proposal,
    actor: User,
    reason: str,
    expected_state: str | None = None,
    at: dt.datetime | None = None,
) -> Proposal:
    """转社情民意: handed to the opinion reports' intake in the same transaction, so the
    conversion and the new report land together or not at all. `at` dates a decision entered
    later: the decision, the report's creation and both history rows."""
    return _decided(
        proposal,
        "convert_to_opinion",
        actor,
        at=at,
        what=_("转办时间"),
        reason=reason,
        expected_state=expected_state,
    )


def deliver_to_opinions(step: Step) -> None:
    """On entering 转社情民意: the report lands in the opinion reports' editing intake, its
    authors the proposers on the roster, linked back to this proposal. Once only."""
    proposal = step.record
    if proposal.conversion_state == ConversionState.DELIVERED:
        return
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
        actor=step.actor,
        reflected_at=proposal.submitted_at,
        at=step.data.get("at"),
    )
    step.touch(conversion_state=ConversionState.DELIVERED, conversion_ref=str(report.pk))


def convert_to_letter(
    *,
    proposal: Proposal,
    actor: User,
    reason: str,
    expected_state: str | None = None,
    at: dt.datetime | None = None,
) -> Proposal:
    """转委员来信: the letter opens with the decision. `at` dates a decision entered later: the
    decision, the letter's creation and both history rows."""
    return _decided(
        proposal,
        "convert_to_letter",
        actor,
        at=at,
        what=_("转办时间"),
        reason=reason,
        expected_state=expected_state,
    )


def withdraw_proposal(
    *,
    proposal: Proposal,
    actor: User,
    reason: str,
    expected_state: str | None = None,
    at: dt.datetime | None = None,
) -> Proposal:
    """撤案 by the proposer; a registered proposal's duty credits are reversed. `at` dates a
    withdrawal entered later from the proposer's letter: the decision and its history row."""
    return _decided(
        proposal,
        "withdraw",
        actor,
        at=at,
        what=_("撤案时间"),
        reason=reason,
        expected_state=expected_state,
    )
