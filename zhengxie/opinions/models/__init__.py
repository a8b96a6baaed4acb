from .answers import ForwardAnswer
from .bulletins import BulletinCounter, BulletinIssue
from .escalations import Escalation, EscalationLevel
from .reports import AdoptionMode, AuthorBodyKind, OpinionReport, OpinionState

__all__ = [
    "AdoptionMode",
    "AuthorBodyKind",
    "BulletinCounter",
    "BulletinIssue",
    "Escalation",
    "EscalationLevel",
    "ForwardAnswer",
    "OpinionReport",
    "OpinionState",
]
