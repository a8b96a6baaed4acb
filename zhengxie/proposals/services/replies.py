"""Replies: the answering unit drafts (with a result class), co-units add their opinions, the
office reviews (and may change the class), then the reply is sent and published."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.permissions import unit_ids_of
from zhengxie.core.rules import rule
from zhengxie.core.workdays import add_working_days

from .. import rules
from ..models import (
    Assignment,
    AssignmentRole,
    CoUnitOpinion,
    Proposal,
    ProposalState,
    PublishMode,
    Reply,
    ReplyState,
)
from ..permissions import check_office_of
from ..workflow import HANDLING_STATES, transition
from .transitions import WorkflowError, lock_for, require_reason, save_state, tell_proposers

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
        raise WorkflowError(_("答复类别：%(c)s 不在本级政协的分类中。") % {"c": result_class})
    return code


def draft_reply(
    *, proposal: Proposal, actor: User, result_class: str, text: str, **details
) -> Reply:
    """Creates or updates the unit's reply of the current round while it is editable.
    details: summary, signer, handler, contact_phone, publish_mode, publish_reason."""
    assignment = _answering_assignment(proposal, actor)
    code = _check_class(proposal.committee_id, result_class)
    text = require_reason(text, what=_("答复正文"))
    if details.get("publish_mode", PublishMode.FULL) not in PublishMode.values:
        raise WorkflowError(_("公开方式：无效。"))
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.state not in HANDLING_STATES:
            raise WorkflowError(_("提案当前不在办理中，不能拟写答复。"))
        reply, _created = Reply.objects.select_for_update().get_or_create(
            assignment=assignment,
            round=locked.redo_round,
            defaults={
                "committee_id": locked.committee_id,
                "proposal": locked,
                "unit_id": assignment.unit_id,
                "text": text,
                "result_class": code,
                "created_by": actor,
            },
        )
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
        reply.save()
    return reply


def send_reply(*, reply: Reply, actor: User) -> Reply:
    """The unit sends its draft on: to the co-units first when there are any, else to the office."""
    assignment = _answering_assignment(reply.proposal, actor)
    if assignment.pk != reply.assignment_id:
        raise PermissionDenied(_("只能报送本单位的答复。"))
    has_co = (
        reply.assignment.role == AssignmentRole.LEAD
        and reply.proposal.assignments.filter(is_active=True, role=AssignmentRole.CO).exists()
    )
    with transaction.atomic():
        locked_proposal = Proposal.objects.select_for_update().get(pk=reply.proposal_id)
        locked = Reply.objects.select_for_update().get(pk=reply.pk)
        if locked.state not in EDITABLE:
            raise WorkflowError(_("答复已报送。"))
        locked.state = ReplyState.CO_REVIEW if has_co else ReplyState.OFFICE_REVIEW
        locked.submitted_at = timezone.now()
        locked._history_user = actor
        locked.save(update_fields=["state", "submitted_at"])
        if locked.state == ReplyState.OFFICE_REVIEW:
            _to_office_when_complete(locked_proposal, actor)
    return locked


def add_co_opinion(*, reply: Reply, actor: User, text: str, agrees: bool = True) -> CoUnitOpinion:
    """会办意见; when every co-unit has given one, the reply goes to the office."""
    co = reply.proposal.assignments.filter(
        is_active=True, role=AssignmentRole.CO, unit_id__in=unit_ids_of(actor)
    ).first()
    if co is None:
        raise PermissionDenied(_("只有会办单位可以提出会办意见。"))
    text = require_reason(text, what=_("会办意见"))
    with transaction.atomic():
        locked_proposal = Proposal.objects.select_for_update().get(pk=reply.proposal_id)
        locked = Reply.objects.select_for_update().get(pk=reply.pk)
        if locked.state != ReplyState.CO_REVIEW:
            raise WorkflowError(_("该答复当前不在会签阶段。"))
        opinion, _created = CoUnitOpinion.objects.update_or_create(
            reply=locked,
            unit_id=co.unit_id,
            defaults={
                "committee_id": locked.committee_id,
                "text": text,
                "agrees": agrees,
                "submitted_by": actor,
            },
        )
        co_units = set(
            locked.proposal.assignments.filter(is_active=True, role=AssignmentRole.CO).values_list(
                "unit_id", flat=True
            )
        )
        if co_units <= set(locked.co_opinions.values_list("unit_id", flat=True)):
            locked.state = ReplyState.OFFICE_REVIEW
            locked.save(update_fields=["state"])
            _to_office_when_complete(locked_proposal, actor)
    return opinion


def _round_replies(proposal: Proposal):
    return Reply.objects.filter(
        proposal=proposal, round=proposal.redo_round, assignment__is_active=True
    )


def _answering_count(proposal: Proposal) -> int:
    return proposal.assignments.filter(is_active=True, role__in=ANSWERING).count()


def _to_office_when_complete(proposal: Proposal, actor: User) -> None:
    """Once every answering unit's reply is with the office, the proposal waits for review."""
    ready = _round_replies(proposal).filter(state=ReplyState.OFFICE_REVIEW).count()
    step = transition("submit_reply")
    if ready == _answering_count(proposal) and proposal.state in step.sources:
        save_state(proposal=proposal, target=step.target, actor=actor, label=step.label)


def return_reply(*, proposal: Proposal, actor: User, reason: str) -> Proposal:
    """The office sends the replies of this round back to their units for revision."""
    reason = require_reason(reason, what=_("退回意见"))
    with transaction.atomic():
        locked, step = lock_for(proposal=proposal, action="return_reply", actor=actor)
        _round_replies(locked).filter(state=ReplyState.OFFICE_REVIEW).update(
            state=ReplyState.RETURNED, office_note=reason
        )
        target = ProposalState.REDO if locked.redo_round > 1 else step.target
        save_state(proposal=locked, target=target, actor=actor, label=step.label, reason=reason)
    return locked


def approve_reply(
    *,
    reply: Reply,
    actor: User,
    result_class: str | None = None,
    publish_mode: str | None = None,
    note: str = "",
) -> Reply:
    """The office approves one reply, may change its class and publish mode; when all replies of
    the round are sent, the proposers are answered and the feedback window opens."""
    proposal = reply.proposal
    check_office_of(actor, proposal)
    code = _check_class(proposal.committee_id, result_class or reply.result_class)
    with transaction.atomic():
        locked_proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        locked = Reply.objects.select_for_update().get(pk=reply.pk)
        if locked.state != ReplyState.OFFICE_REVIEW:
            raise WorkflowError(_("该答复已被他人处理或尚未报送。"))
        now = timezone.now()
        locked.result_class, locked.state, locked.sent_at = code, ReplyState.SENT, now
        locked.publish_mode = publish_mode or locked.publish_mode
        locked.published_at = None if locked.publish_mode == PublishMode.NONE else now
        locked.office_note = note
        locked._history_user = actor
        locked._change_reason = _("审核通过") + (f"：{note}" if note else "")
        locked.save()
        if _round_replies(locked_proposal).filter(
            state=ReplyState.SENT
        ).count() == _answering_count(locked_proposal):
            _answer(locked_proposal, actor)
    return locked


def _answer(proposal: Proposal, actor: User) -> None:
    locked, step = lock_for(proposal=proposal, action="approve_reply", actor=actor)
    today = timezone.localdate()
    days = rule(locked.committee_id, rules.FEEDBACK_WORKING_DAYS)
    locked.replied_on, locked.feedback_deadline = today, add_working_days(today, days)
    save_state(
        proposal=locked,
        target=step.target,
        actor=actor,
        label=step.label,
        fields=["replied_on", "feedback_deadline"],
    )
    tell_proposers(
        proposal=locked,
        title=_("提案“%(t)s”已答复，请评价") % {"t": locked.title},
        body=_("请于 %(d)s 前对办理结果作出评价。") % {"d": locked.feedback_deadline},
    )
