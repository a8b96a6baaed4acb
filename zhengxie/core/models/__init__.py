from .accounts import LeaderKind, Role, RoleGrant, User
from .calendar import CalendarDay
from .committees import Committee, CommitteeLevel, Plenary, Term
from .config import CommitteeSetting, DemoLoad
from .imports import ImportStatus, RosterImport
from .leases import LeasedJob
from .notifications import Notification
from .people import Gender, HandlingUnit, Member, Sector, SpecialCommittee, Town, Venue, VenueKind
from .signin import ActivationCode, CodePurpose, SmsCode
from .sms import OutboxMessage

__all__ = [
    "ActivationCode",
    "CalendarDay",
    "CodePurpose",
    "Committee",
    "CommitteeLevel",
    "CommitteeSetting",
    "DemoLoad",
    "Gender",
    "HandlingUnit",
    "ImportStatus",
    "LeaderKind",
    "LeasedJob",
    "Member",
    "Notification",
    "OutboxMessage",
    "Plenary",
    "Role",
    "RoleGrant",
    "RosterImport",
    "Sector",
    "SmsCode",
    "SpecialCommittee",
    "Term",
    "Town",
    "User",
    "Venue",
    "VenueKind",
]
