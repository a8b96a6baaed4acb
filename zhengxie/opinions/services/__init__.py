"""Every write on opinion reports: one keyword-only function per domain act."""

from .answers import answer_forwarded_report
from .bulletins import compose_bulletin
from .follow_up import escalate_report, record_upper_adoption
from .handoffs import hand_off_report
from .intake import intake_converted_proposal
from .reports import apply_action, create_report, discard_draft, update_report

__all__ = [
    "answer_forwarded_report",
    "apply_action",
    "compose_bulletin",
    "create_report",
    "discard_draft",
    "escalate_report",
    "hand_off_report",
    "intake_converted_proposal",
    "record_upper_adoption",
    "update_report",
]
