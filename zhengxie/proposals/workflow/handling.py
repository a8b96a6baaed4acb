"""The smaller tables around a proposal: a co-signature invitation, a unit's reply in one round,
a unit's request for more time (on its assignment) and its request to be reassigned. Each
record's page is its proposal's page, where the buttons appear."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import SYSTEM, Reason, State, Workflow, transition

from ..forms import ExtensionForm, GrantReassignForm
from ..models import (
    Assignment,
    CoSignature,
    CoSignatureState,
    ExtensionState,
    ReassignmentRequest,
    Reply,
    ReplyState,
    RequestState,
)
from ..permissions import ASSIGNED_UNIT, CO_UNIT, INVITEE, INVITING_PROPOSER, OFFICE, REPLY_UNIT
from ..services import cosigning, handling, replies
from ..similarity import index_reply


def _states(choices, *, terminal=()) -> tuple[State, ...]:
    return tuple(State(value, label, terminal=value in terminal) for value, label in choices)


def _on_proposal_page(attribute: str):
    return lambda record: reverse("proposals:detail", args=[getattr(record, attribute)])


C = CoSignatureState
COSIGNATURE = Workflow(
    name="cosignature",
    label=_("联名邀请"),
    model=CoSignature,
    states=_states(C.choices, terminal={C.CONFIRMED, C.DECLINED, C.DROPPED}),
    transitions=(
        # The invited member answers on the invitation's page, which shows the text.
        transition(
            "confirm",
            _("确认联名"),
            {C.INVITED},
            C.CONFIRMED,
            INVITEE,
            guards=(cosigning.check_cosigning_open,),
            before=(cosigning.stamp_response,),
            after=(cosigning.add_cosigner_as_proposer, cosigning.close_when_all_answered),
            page="proposals:cosign",
            style="primary",
        ),
        transition(
            "decline",
            _("谢绝联名"),
            {C.INVITED},
            C.DECLINED,
            INVITEE,
            guards=(cosigning.check_cosigning_open,),
            before=(cosigning.stamp_response,),
            after=(cosigning.close_when_all_answered,),
            page="proposals:cosign",
            button=False,
        ),
        # Whoever closes co-signing (the proposer, or the deadline) drops who has not answered.
        transition(
            "drop",
            _("联名结束时未确认"),
            {C.INVITED},
            C.DROPPED,
            (SYSTEM, INVITING_PROPOSER),
            guards=(cosigning.check_cosigning_closed,),
            button=False,
        ),
    ),
    override_by=OFFICE,
    record_url=_on_proposal_page("proposal_id"),
)

R = ReplyState
REPLY = Workflow(
    name="reply",
    label=_("承办单位答复"),
    model=Reply,
    description=_("主办或分办单位拟写答复；有会办单位时先会签，再报机关审核；机关可调整答复类别。"),
    states=_states(R.choices, terminal={R.SENT}),
    transitions=(
        transition(
            "send_to_co_units", _("报送会办单位"), {R.DRAFT, R.RETURNED}, R.CO_REVIEW,
            REPLY_UNIT, guards=(replies.check_co_units_present,),
            before=(replies.stamp_sent_for_review,), button=False,
        ),
        transition(
            "send_to_office", _("报送机关审核"), {R.DRAFT, R.RETURNED}, R.OFFICE_REVIEW,
            REPLY_UNIT, guards=(replies.check_no_co_units,),
            before=(replies.stamp_sent_for_review,), after=(replies.forward_when_complete,),
            button=False,
        ),
        # Taken when the last co-unit has given its opinion (会办意见).
        transition(
            "forward_to_office", _("会签完成"), {R.CO_REVIEW}, R.OFFICE_REVIEW, CO_UNIT,
            guards=(replies.check_co_opinions_complete,), after=(replies.forward_when_complete,),
            button=False,
        ),
        transition(
            "approve", _("审核答复"), {R.OFFICE_REVIEW}, R.SENT, OFFICE,
            before=(replies.publish_reply,),
            after=(replies.answer_when_all_sent, index_reply),
            page="proposals:approve", style="primary",
        ),
        # Taken for each reply when the office returns the round (the proposal's return_reply).
        transition(
            "return", _("退回修改"), {R.OFFICE_REVIEW}, R.RETURNED, OFFICE,
            reason=Reason.REQUIRED, reason_label=_("退回意见"),
            guards=(replies.check_back_with_units,), before=(replies.note_office_opinion,),
            button=False,
        ),
    ),
    override_by=OFFICE,
    record_url=_on_proposal_page("proposal_id"),
)  # fmt: skip

E = ExtensionState
EXTENSION = Workflow(
    name="extension",
    label=_("延期申请"),
    model=Assignment,
    state_field="extension_state",
    description=_("承办单位申请延长办理期限；整个办理期限最长六个月（可配置）。"),
    states=_states(E.choices),
    transitions=(
        transition(
            "request", _("申请延期"), {E.NONE, E.GRANTED, E.REFUSED}, E.REQUESTED, ASSIGNED_UNIT,
            form=ExtensionForm, reason=Reason.REQUIRED, reason_label=_("延期理由"),
            guards=(handling.check_extension_request,),
            before=(handling.record_extension_request,),
        ),
        transition(
            "grant", _("同意延期"), {E.REQUESTED}, E.GRANTED, OFFICE,
            before=(handling.set_extended_deadline,), after=(handling.extend_reply_deadline,),
            notify=(handling.tell_extension_decision,), style="primary",
        ),
        transition("refuse", _("不同意延期"), {E.REQUESTED}, E.REFUSED, OFFICE,
                   notify=(handling.tell_extension_decision,)),
    ),
    override_by=OFFICE,
    record_url=_on_proposal_page("proposal_id"),
)  # fmt: skip

Q = RequestState
REASSIGNMENT = Workflow(
    name="reassignment",
    label=_("调整承办单位申请"),
    model=ReassignmentRequest,
    description=_("承办单位在交办后规定工作日内申请调整，由机关决定；单位不自行转办。"),
    states=_states(Q.choices, terminal={Q.GRANTED, Q.REFUSED}),
    transitions=(
        transition(
            "grant", _("同意调整"), {Q.PENDING}, Q.GRANTED, OFFICE,
            form=GrantReassignForm,
            form_kwargs=lambda request: {"committee": request.committee},
            reason=Reason.OPTIONAL, reason_label=_("意见"),
            guards=(handling.check_new_unit,), before=(handling.record_request_decision,),
            after=(handling.move_assignment,), notify=(handling.tell_reassignment_decision,),
            style="primary",
        ),
        transition(
            "refuse", _("驳回"), {Q.PENDING}, Q.REFUSED, OFFICE,
            reason=Reason.OPTIONAL, reason_label=_("意见"),
            before=(handling.record_request_decision,),
            notify=(handling.tell_reassignment_decision,),
        ),
    ),
    override_by=OFFICE,
    record_url=lambda request: reverse("proposals:detail", args=[request.assignment.proposal_id]),
)  # fmt: skip
