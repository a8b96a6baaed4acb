from .accounts import LeaderKind, Role, RoleGrant, User
from .calendar import CalendarDay
from .committees import Committee, CommitteeLevel, Plenary, Term
from .config import CommitteeSetting, DemoLoad
from .imports import ImportStatus, RosterImport
from .leases import LeasedJob, TaskLease
from .notifications import (
    Audience,
    BulkNotice,
    BulkStatus,
    Delivery,
    DeliveryStatus,
    DigestBatch,
    Notification,
    NotificationPreference,
)
from .people import Gender, HandlingUnit, Member, Sector, SpecialCommittee, Town, Venue, VenueKind
from .signin import ActivationCode, CodePurpose, SmsCode
from .sms import OutboxMessage
from .tokens import ApiToken

__all__ = [
    "ActivationCode",
    "ApiToken",
    "Audience",
    "BulkNotice",
    "BulkStatus",
    "CalendarDay",
    "CodePurpose",
    "Committee",
    "CommitteeLevel",
    "CommitteeSetting",
    "Delivery",
    "DeliveryStatus",
    "DemoLoad",
    "DigestBatch",
    "Gender",
    "HandlingUnit",
    "ImportStatus",
    "LeaderKind",
    "LeasedJob",
    "Member",
    "Notification",
    "NotificationPreference",
    "OutboxMessage",
    "Plenary",
    "Role",
    "RoleGrant",
    "RosterImport",
    "Sector",
    "SmsCode",
    "SpecialCommittee",
    "TaskLease",
    "Term",
    "Town",
    "User",
    "Venue",
    "VenueKind",
]
