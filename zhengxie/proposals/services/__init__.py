"""Every write on proposals: one keyword-only function per domain act; state changes go
through the engine's `apply` on the tables in workflow/."""

from zhengxie.core.models import User
from zhengxie.core.workflow import AlreadyHandled, WorkflowError, override

from ..models import Proposal
from .cosigning import close_cosigning, drop_expired_cosignatures, respond_cosignature
from .feedback import close_expired_feedback, close_proposal, rate_reply
from .handling import (
    assign_proposal,
    decide_extension,
    decide_reassignment,
    record_contact,
    request_extension,
    request_reassignment,
)
from .reminders import send_contact_reminders, send_deadline_reminders
from .replies import add_co_opinion, approve_reply, draft_reply, return_reply, send_reply
from .review import (
    convert_to_letter,
    convert_to_opinion,
    decline_proposal,
    give_preliminary_opinion,
    merge_proposal,
    register_proposal,
    return_for_revision,
    withdraw_proposal,
)
from .submission import committee_for_new_draft, create_draft, save_draft, submit_proposal
from .supervision import log_supervision, select_key_proposal


def override_state(*, proposal: Proposal, target: str, actor: User, reason: str) -> Proposal:
    """The office moves a proposal to any state with a written reason; the state's entry
    effects run as on the ordinary path (an overridden 已立案 gets its 案号)."""
    return override(proposal, target=target, actor=actor, reason=reason)


__all__ = [
    "AlreadyHandled",
    "WorkflowError",
    "add_co_opinion",
    "approve_reply",
    "assign_proposal",
    "close_cosigning",
    "close_expired_feedback",
    "close_proposal",
    "committee_for_new_draft",
    "convert_to_letter",
    "convert_to_opinion",
    "create_draft",
    "decide_extension",
    "decide_reassignment",
    "decline_proposal",
    "draft_reply",
    "drop_expired_cosignatures",
    "give_preliminary_opinion",
    "log_supervision",
    "merge_proposal",
    "override_state",
    "rate_reply",
    "record_contact",
    "register_proposal",
    "request_extension",
    "request_reassignment",
    "respond_cosignature",
    "return_for_revision",
    "return_reply",
    "save_draft",
    "select_key_proposal",
    "send_contact_reminders",
    "send_deadline_reminders",
    "send_reply",
    "submit_proposal",
    "withdraw_proposal",
]
