"""Replies: the answering unit drafts (with a result class), co-units add their opinions, the
office reviews (and may change the class), then the reply is sent and published. The services
take the reply's steps (workflow/handling.py); the functions taking a `step` are the guards and
effects of the reply's table and of the proposal's reply steps.

Each act takes an optional `at`: the office entering a paper reply later dates it when it was
done. The fields an act stamps (报送、答复、公开时间, the proposal's 答复日期 and the feedback
window counted from it) and its history rows carry that date; the steps an act sets off (the
proposal's 报送答复 and 审核并答复) take it on (`Step.moment`)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.permissions import unit_ids_of
from zhengxie.core.rules import rule
from zhengxie.core.workdays import add_working_days
from zhengxie.core.workflow import InvalidInput, Step, WorkflowError, apply

from .. import rules
from ..models import (
    Assignment,
    AssignmentRole,
    CoUnitOpinion,
    Proposal,
    PublishMode,
    Reply,
    ReplyState,
)
from ..notifications import REPLY_RECEIVED
from ..workflow import HANDLING_STATES, take
from .inputs import check_not_future, dated, require_text
from .notices import tell_proposers

ANSWERING = (AssignmentRole.LEAD, AssignmentRole.SPLIT)
EDITABLE = (ReplyState.DRAFT, ReplyState.RETURNED)


def _answering_assignment(proposal: Proposal, actor: User) -> Assignment:
    assignment = proposal.assignments.filter(
        is_active=True, role__in=ANSWERING, unit_id__in=unit_ids_of(actor)
    ).first()
    if assignment is None:
        raise PermissionDenied(_("只有主办或分办单位可以答复（会办单位向主办单位提出会办意见）。"))
    return assignment


def _check_class(committee_id: int, result_class: str) -> str:
    code = (result_class or "").strip().upper()
    if code not in rules.result_classes(committee_id):
        raise InvalidInput(
            _("答复类别：%(c)s 不在本级政协的分类中。") % {"c": result_class},
            field="result_class",
        )
    return code


def draft_reply(
    *,
    proposal: Proposal,
    actor: User,
    result_class: str,
    text: str,
    at: dt.datetime | None = None,
    **details,
) -> Reply:
    """Creates or updates the unit's reply of the current round while it is editable.
    details: summary, signer, handler, contact_phone, publish_mode, publish_reason."""
    check_not_future(at, what=_("拟写时间"))
    assignment = _answering_assignment(proposal, actor)
    code = _check_class(proposal.committee_id, result_class)
    text = require_text(text, what=_("答复正文"), field="text")
    if details.get("publish_mode", PublishMode.FULL) not in PublishMode.values:
        raise InvalidInput(_("公开方式：无效。"), field="publish_mode")
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.state not in HANDLING_STATES:
            raise WorkflowError(_("提案当前不在办理中，不能拟写答复。"))
        reply = _round_reply(locked, assignment, actor)
        if reply.state not in EDITABLE:
            raise WorkflowError(_("答复已报送，不能再修改。"))
        reply.text, reply.result_class, reply.unit_result_class = text, code, code
        for name in (
            "summary",
            "signer",
            "handler",
            "contact_phone",
            "publish_mode",
            "publish_reason",
        ):
            if name in details:
                setattr(reply, name, details[name])
        reply._history_user = actor
        if at is not None:
            reply._history_date = at
        reply.save()
    return reply


def _round_reply(proposal: Proposal, assignment: Assignment, actor: User) -> Reply:
    """The unit's reply of the round, locked, or a new one the caller saves once (so its first
    history row is the draft as written, dated as the act is)."""
    try:
        # one per assignment and round (a constraint); get() leaves out the model's ordering,
        # whose joins PostgreSQL cannot lock
        return Reply.objects.select_for_update().get(
            assignment=assignment, round=proposal.redo_round
        )
    except Reply.DoesNotExist:
        return Reply(
            committee_id=proposal.committee_id,
            proposal=proposal,
            assignment=assignment,
            round=proposal.redo_round,
            unit_id=assignment.unit_id,
            created_by=actor,
        )


def send_reply(*, reply: Reply, actor: User, at: dt.datetime | None = None) -> Reply:
    """The unit sends its draft on: to the co-units first when there are any, else to the office.
    Locks the proposal, then the reply (the order the office's steps take too)."""
    check_not_future(at, what=_("报送时间"))
    assignment = _answering_assignment(reply.proposal, actor)
    if assignment.pk != reply.assignment_id:
        raise PermissionDenied(_("只能报送本单位的答复。"))
    with transaction.atomic():
        Proposal.objects.select_for_update().get(pk=reply.proposal_id)
        name = "send_to_co_units" if _has_co_units(reply) else "send_to_office"
        return take(reply, name, actor, **dated(at))


def _has_co_units(reply: Reply) -> bool:
    return (
        reply.assignment.role == AssignmentRole.LEAD
        and reply.proposal.assignments.filter(is_active=True, role=AssignmentRole.CO).exists()
    )


def check_co_units_present(step: Step) -> None:
    if not _has_co_units(step.record):
        raise WorkflowError(_("该答复没有会办单位，请直接报送机关审核。"))


def check_no_co_units(step: Step) -> None:
    if _has_co_units(step.record):
        raise WorkflowError(_("有会办单位的答复须先送会办单位会签。"))


def stamp_sent_for_review(step: Step) -> None:
    step.touch(submitted_at=step.moment())


def add_co_opinion(
    *, reply: Reply, actor: User, text: str, agrees: bool = True, at: dt.datetime | None = None
) -> CoUnitOpinion:
    """会办意见; when every co-unit has given one, the reply goes to the office."""
    check_not_future(at, what=_("会签时间"))
    co = reply.proposal.assignments.filter(
        is_active=True, role=AssignmentRole.CO, unit_id__in=unit_ids_of(actor)
    ).first()
    if co is None:
        raise PermissionDenied(_("只有会办单位可以提出会办意见。"))
    text = require_text(text, what=_("会办意见"), field="text")
    with transaction.atomic():
        Proposal.objects.select_for_update().get(pk=reply.proposal_id)
        locked = Reply.objects.select_for_update().get(pk=reply.pk)
        if locked.state != ReplyState.CO_REVIEW:
            raise WorkflowError(_("该答复当前不在会签阶段。"))
        opinion = _save_co_opinion(locked, co.unit_id, actor, text=text, agrees=agrees, at=at)
        if _co_units_all_heard(locked):
            apply(locked, "forward_to_office", actor, **dated(at))
    return opinion


def _save_co_opinion(
    reply: Reply, unit_id: int, actor: User, *, text: str, agrees: bool, at: dt.datetime | None
) -> CoUnitOpinion:
    """The co-unit's opinion, new or given again: dated now (the field's default) or `at`;
    one given again keeps its first date unless `at` says otherwise."""
    opinion = CoUnitOpinion.objects.filter(reply=reply, unit_id=unit_id).first() or CoUnitOpinion(
        committee_id=reply.committee_id, reply=reply, unit_id=unit_id
    )
    opinion.text, opinion.agrees, opinion.submitted_by = text, agrees, actor
    opinion._history_user = actor
    if at is not None:
        opinion.submitted_at = opinion._history_date = at
    opinion.save()
    return opinion


def _co_units_all_heard(reply: Reply) -> bool:
    co_units = reply.proposal.assignments.filter(is_active=True, role=AssignmentRole.CO)
    heard = reply.co_opinions.values_list("unit_id", flat=True)
    return set(co_units.values_list("unit_id", flat=True)) <= set(heard)


def check_co_opinions_complete(step: Step) -> None:
    if not _co_units_all_heard(step.record):
        raise WorkflowError(_("尚有会办单位未提出会办意见。"))


def _round_replies(proposal: Proposal):
    return Reply.objects.filter(
        proposal=proposal, round=proposal.redo_round, assignment__is_active=True
    )


def _answering_count(proposal: Proposal) -> int:
    return proposal.assignments.filter(is_active=True, role__in=ANSWERING).count()


def _round_complete(proposal: Proposal, state: str) -> bool:
    """Whether every answering unit's reply of the round is in `state`."""
    ready = _round_replies(proposal).filter(state=state).count()
    return ready == _answering_count(proposal)


def forward_when_complete(step: Step) -> None:
    """Once every answering unit's reply is with the office, the proposal waits for review."""
    proposal = Proposal.objects.get(pk=step.record.proposal_id)
    if proposal.state in HANDLING_STATES and _round_complete(proposal, ReplyState.OFFICE_REVIEW):
        apply(proposal, "submit_reply", step.actor, **dated(step.data.get("at")))


def check_round_ready(step: Step) -> None:
    if not _round_complete(step.record, ReplyState.OFFICE_REVIEW):
        raise WorkflowError(_("尚有承办单位的答复未报送机关审核。"))


def return_reply(*, proposal: Proposal, actor: User, reason: str) -> Proposal:
    """The office sends the replies of this round back to their units for revision: the
    proposal goes back to handling, or to the redo in a later round."""
    proposal.refresh_from_db()
    name = "return_reply_redo" if proposal.redo_round > 1 else "return_reply"
    return apply(proposal, name, actor, reason=reason)


def return_round_replies(step: Step) -> None:
    """Each reply waiting for the office goes back to its unit with the office's opinion."""
    for reply in _round_replies(step.record).filter(state=ReplyState.OFFICE_REVIEW):
        apply(reply, "return", step.actor, reason=step.reason)


def check_back_with_units(step: Step) -> None:
    if step.record.proposal.state not in HANDLING_STATES:
        raise WorkflowError(_("请退回整个提案的本轮答复。"))


def note_office_opinion(step: Step) -> None:
    step.touch(office_note=step.reason)


def approve_reply(
    *,
    reply: Reply,
    actor: User,
    result_class: str | None = None,
    publish_mode: str | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Reply:
    """The office approves one reply, may change its class and publish mode; when all replies of
    the round are sent, the proposers are answered and the feedback window opens. Locks the
    proposal, then the reply."""
    check_not_future(at, what=_("审核时间"))
    code = _check_class(reply.committee_id, result_class or reply.result_class)
    with transaction.atomic():
        Proposal.objects.select_for_update().get(pk=reply.proposal_id)
        return take(
            reply,
            "approve",
            actor,
            reason=note,
            result_class=code,
            publish_mode=publish_mode,
            **dated(at),
        )


def publish_reply(step: Step) -> None:
    reply, now = step.record, step.moment()
    mode = step.data.get("publish_mode") or reply.publish_mode
    step.touch(
        result_class=step.data.get("result_class") or reply.result_class,
        publish_mode=mode,
        sent_at=now,
        published_at=None if mode == PublishMode.NONE else now,
        office_note=step.reason,
    )


def answer_when_all_sent(step: Step) -> None:
    proposal = Proposal.objects.get(pk=step.record.proposal_id)
    if _round_complete(proposal, ReplyState.SENT):
        apply(proposal, "approve_reply", step.actor, **dated(step.data.get("at")))


def check_round_sent(step: Step) -> None:
    if not _round_complete(step.record, ReplyState.SENT):
        raise WorkflowError(_("本轮答复尚未全部审核。"))


def open_feedback_window(step: Step) -> None:
    """The proposal is answered the day the round's last reply went out; the proposers' window
    counts working days from that day."""
    today = timezone.localdate(step.moment())
    days = rule(step.record.committee_id, rules.FEEDBACK_WORKING_DAYS)
    step.touch(
        replied_on=today,
        feedback_deadline=add_working_days(today, days, committee_id=step.record.committee_id),
    )


def tell_answered(step: Step) -> None:
    proposal = step.record
    tell_proposers(
        proposal,
        kind=REPLY_RECEIVED,
        title=_("提案“%(t)s”已答复，请评价") % {"t": proposal.title},
        body=_("请于 %(d)s 前对办理结果作出评价。") % {"d": proposal.feedback_deadline},
    )
