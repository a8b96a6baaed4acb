"""The proposal's table: from the draft through review, assignment, replies and ratings to
closing (cppcc-rules §1). Every state change of a proposal is a row here; the effects are the
services' named functions, and each state reindexes the proposal for search on entry, so the
index follows every change, the office's overrides included."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import SYSTEM, Reason, State, Workflow, transition

from ..forms import DeclineForm, MergeForm
from ..models import Proposal
from ..models import ProposalState as S
from ..permissions import (
    HANDLING_UNIT,
    OFFICE,
    OFFICE_FIRST_ROUND,
    OFFICE_LATER_ROUND,
    PROPOSER,
    RATER,
)
from ..services import (
    cosigning,
    feedback,
    handling,
    letters,
    notices,
    replies,
    review,
    submission,
)
from ..similarity import reindex_proposal
from . import EDIT, FINAL_STATES, REVIEWABLE


def _state(state: S, *, allows=(), on_enter=()) -> State:
    return State(
        state.value,
        state.label,
        terminal=state in FINAL_STATES,
        allows=frozenset(allows),
        on_enter=(*on_enter, reindex_proposal),
    )


# A committee decision: who decided, when and why, told to every proposer.
DECIDED = {"before": (review.record_decision,), "notify": (notices.tell_decision,)}

PROPOSAL = Workflow(
    name="proposal",
    label=_("提案"),
    model=Proposal,
    description=_("机关对任何提案都可以书面说明理由后强制调整状态；立案时编号，撤案时撤回履职记录。"),
    states=(
        _state(S.DRAFT, allows={EDIT}),
        _state(S.COSIGNING),
        _state(S.SUBMITTED),
        _state(S.IN_REVIEW),
        _state(S.RETURNED, allows={EDIT}),
        _state(S.REGISTERED, on_enter=(review.number_proposal, review.credit_proposers)),
        _state(S.MERGED),
        _state(S.DECLINED),
        _state(S.TO_OPINION, on_enter=(review.deliver_to_opinions,)),
        _state(S.TO_LETTER, on_enter=(letters.open_letter,)),
        _state(S.WITHDRAWN, on_enter=(review.revoke_credits,)),
        _state(S.ASSIGNED),
        _state(S.REPLY_REVIEW),
        _state(S.REPLIED),
        _state(S.REDO),
        _state(S.CLOSED, on_enter=(feedback.stamp_closed,)),
    ),
    transitions=(
        # The editor's page submits (the form is the whole proposal).
        transition(
            "submit", _("提交"), {S.DRAFT, S.RETURNED}, S.SUBMITTED, PROPOSER,
            guards=(submission.check_submission,), before=(submission.stamp_submission,),
            button=False, page="proposals:edit",
        ),
        transition(
            "start_cosigning", _("发起联名"), {S.DRAFT, S.RETURNED}, S.COSIGNING, PROPOSER,
            guards=(submission.check_submission, cosigning.check_cosigners),
            before=(submission.stamp_submission, cosigning.set_cosign_deadline),
            after=(cosigning.invite_cosigners,), notify=(cosigning.tell_invitees,),
            button=False, page="proposals:edit",
        ),
        transition(
            "close_cosigning", _("结束联名并提交"), {S.COSIGNING}, S.SUBMITTED,
            (PROPOSER, SYSTEM), after=(cosigning.drop_pending_cosigners,),
            notify=(cosigning.tell_submitted,),
        ),
        transition(
            "preliminary", _("初审"), {S.SUBMITTED}, S.IN_REVIEW, OFFICE,
            reason=Reason.REQUIRED, reason_label=_("初审意见"),
            before=(review.record_preliminary_opinion,),
        ),
        transition(
            "return_for_revision", _("退回修改"), REVIEWABLE, S.RETURNED, OFFICE,
            reason=Reason.REQUIRED, notify=(notices.tell_outcome,), style="warn",
        ),
        transition(
            "register", _("立案"), REVIEWABLE, S.REGISTERED, OFFICE,
            reason=Reason.OPTIONAL, reason_label=_("说明"), style="primary", **DECIDED,
        ),
        transition(
            "merge", _("并案"), REVIEWABLE, S.MERGED, OFFICE,
            form=MergeForm, reason=Reason.REQUIRED, reason_label=_("并案理由"),
            guards=(review.find_merge_target,),
            before=(review.record_decision, review.set_merged_into),
            notify=(notices.tell_decision,),
        ),
        transition(
            "decline", _("不予立案"), REVIEWABLE, S.DECLINED, OFFICE,
            form=DeclineForm, reason=Reason.REQUIRED, reason_label=_("审查意见"),
            guards=(review.check_grounds,),
            before=(review.record_decision, review.record_decline_grounds),
            notify=(notices.tell_decision,), style="bad",
        ),
        transition(
            "convert_to_opinion", _("转社情民意"), REVIEWABLE, S.TO_OPINION, OFFICE,
            reason=Reason.REQUIRED, reason_label=_("转办理由"), **DECIDED,
        ),
        transition(
            "convert_to_letter", _("转委员来信"), REVIEWABLE, S.TO_LETTER, OFFICE,
            reason=Reason.REQUIRED, reason_label=_("转办理由"), **DECIDED,
        ),
        transition(
            "withdraw", _("撤案"),
            {S.COSIGNING, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.REGISTERED}, S.WITHDRAWN,
            PROPOSER, reason=Reason.REQUIRED, reason_label=_("撤案理由"), style="bad", **DECIDED,
        ),
        # Units are picked on the app's own page; the service checks the plan.
        transition(
            "assign", _("交办"), {S.REGISTERED}, S.ASSIGNED, OFFICE,
            before=(handling.schedule_handling,), after=(handling.create_assignments,),
            notify=(handling.tell_assigned,), page="proposals:assign", style="primary",
        ),
        # Taken when the last answering unit's reply reaches the office (replies.py).
        transition(
            "submit_reply", _("报送答复"), {S.ASSIGNED, S.REDO}, S.REPLY_REVIEW, HANDLING_UNIT,
            guards=(replies.check_round_ready,), button=False, page="proposals:reply",
        ),
        # The office sends the round's replies back: to handling in the first round, to the
        # redo in a later one.
        transition(
            "return_reply", _("退回答复"), {S.REPLY_REVIEW}, S.ASSIGNED, OFFICE_FIRST_ROUND,
            reason=Reason.REQUIRED, reason_label=_("退回意见"),
            after=(replies.return_round_replies,), style="warn",
        ),
        transition(
            "return_reply_redo", _("退回答复"), {S.REPLY_REVIEW}, S.REDO, OFFICE_LATER_ROUND,
            reason=Reason.REQUIRED, reason_label=_("退回意见"),
            after=(replies.return_round_replies,), style="warn",
        ),
        # Taken when the office has approved the round's last reply (replies.py).
        transition(
            "approve_reply", _("审核并答复"), {S.REPLY_REVIEW}, S.REPLIED, OFFICE,
            guards=(replies.check_round_sent,), before=(replies.open_feedback_window,),
            notify=(replies.tell_answered,), button=False,
        ),
        # A proposer's rating (or the office entering a paper one): kept in history; 不满意
        # opens a redo, the last rating closes the proposal.
        transition(
            "rate", _("评价办理结果"), {S.REPLIED}, S.REPLIED, (RATER, OFFICE),
            guards=(feedback.check_rating,),
            after=(feedback.record_feedback, feedback.settle_round),
            page="proposals:rate", style="primary",
        ),
        transition(
            "open_redo", _("重新办理"), {S.REPLIED}, S.REDO, SYSTEM,
            reason=Reason.REQUIRED, before=(feedback.start_redo_round,),
            after=(feedback.reset_unit_deadlines,), notify=(feedback.tell_redo,), button=False,
        ),
        transition(
            "close", _("办结"), {S.REPLIED}, S.CLOSED, (OFFICE, SYSTEM),
            reason=Reason.OPTIONAL, reason_label=_("说明"),
        ),
    ),
    override_by=OFFICE,
    queryset=lambda: Proposal.objects.filter(is_deleted=False),
    record_url=lambda proposal: reverse("proposals:detail", args=[proposal.pk]),
)  # fmt: skip
