from .answers import ForwardAnswer
from .bulletins import BulletinCounter, BulletinIssue
from .escalations import Escalation, EscalationLevel, Instruction, InstructionLevel
from .reports import AdoptionMode, AuthorBodyKind, OpinionReport, OpinionState

__all__ = [
    "AdoptionMode",
    "AuthorBodyKind",
    "BulletinCounter",
    "BulletinIssue",
    "Escalation",
    "EscalationLevel",
    "ForwardAnswer",
    "Instruction",
    "InstructionLevel",
    "OpinionReport",
    "OpinionState",
]
