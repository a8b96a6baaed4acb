from .cases import (
    RESOLVED_STATES,
    Case,
    CaseEvent,
    CaseJobReferral,
    CasePhoto,
    CaseSource,
    CaseState,
    Rating,
    RatingValue,
)
from .contacts import ContactRecord
from .sessions import (
    Action,
    ActionProgress,
    ActionState,
    ConsultationSession,
    ParticipantKind,
    SessionParticipant,
    SessionPhoto,
)

__all__ = [
    "RESOLVED_STATES",
    "Action",
    "ActionProgress",
    "ActionState",
    "Case",
    "CaseEvent",
    "CaseJobReferral",
    "CasePhoto",
    "CaseSource",
    "CaseState",
    "ConsultationSession",
    "ContactRecord",
    "ParticipantKind",
    "Rating",
    "RatingValue",
    "SessionParticipant",
    "SessionPhoto",
]
