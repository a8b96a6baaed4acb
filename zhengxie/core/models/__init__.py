from .accounts import LeaderKind, Role, RoleGrant, User
from .calendar import CalendarDay
from .committees import Committee, CommitteeLevel, Plenary, Term
from .config import CommitteeSetting, DemoLoad
from .imports import ImportStatus, RosterImport
from .notifications import Notification
from .people import Gender, HandlingUnit, Member, Sector, SpecialCommittee, Town, Venue, VenueKind

__all__ = [
    "CalendarDay",
    "Committee",
    "CommitteeLevel",
    "CommitteeSetting",
    "DemoLoad",
    "Gender",
    "HandlingUnit",
    "ImportStatus",
    "LeaderKind",
    "Member",
    "Notification",
    "Plenary",
    "Role",
    "RoleGrant",
    "RosterImport",
    "Sector",
    "SpecialCommittee",
    "Term",
    "Town",
    "User",
    "Venue",
    "VenueKind",
]
