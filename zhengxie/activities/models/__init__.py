from .activities import (
    Activity,
    ActivityState,
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    Invitation,
    InvitationSource,
    LeaveRequest,
    LeaveStatus,
    Speech,
    SpeechKind,
)
from .essays import Essay, EssayCall, EssayCallState, EssayScore, EssayState
from .guests import Guest, GuestKind, GuestStatus
from .kinds import AbsenceRule, ActivityKind, LeaveApprover
from .outcomes import (
    Adoption,
    Outcome,
    OutcomeAttachment,
    OutcomeFollowUp,
    OutcomeKind,
    SubmittedTo,
)
from .plans import ConsultationPlan, PlanTopic, TopicStatus
from .reading import ReadingBook, ReadingGroup, ReadingNote, ReadingSession
from .warnings import AbsenceWarning

__all__ = [
    "AbsenceRule",
    "AbsenceWarning",
    "Activity",
    "ActivityKind",
    "ActivityState",
    "Adoption",
    "Attendance",
    "AttendanceMethod",
    "AttendanceStatus",
    "ConsultationPlan",
    "Essay",
    "EssayCall",
    "EssayCallState",
    "EssayScore",
    "EssayState",
    "Guest",
    "GuestKind",
    "GuestStatus",
    "Invitation",
    "InvitationSource",
    "LeaveApprover",
    "LeaveRequest",
    "LeaveStatus",
    "Outcome",
    "OutcomeAttachment",
    "OutcomeFollowUp",
    "OutcomeKind",
    "PlanTopic",
    "ReadingBook",
    "ReadingGroup",
    "ReadingNote",
    "ReadingSession",
    "Speech",
    "SpeechKind",
    "SubmittedTo",
    "TopicStatus",
]
