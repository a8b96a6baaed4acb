"""Notifications: the kinds apps send, the channels they go by, and what offices make
mandatory. Sending is core.services.notifications.notify()."""

from .channels import CHOOSABLE, Channel
from .kinds import NotificationKind, register_kinds, registered_kind, registered_kinds

__all__ = [
    "CHOOSABLE",
    "Channel",
    "NotificationKind",
    "register_kinds",
    "registered_kind",
    "registered_kinds",
]
