"""The notifications leaders' instructions send. Registered by InstructionsConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.notifications.defaults import INBOX, INBOX_SMS

# A new instruction for the office to route.
WRITTEN = NotificationKind(
    "instructions.written", _("领导新批示"), INBOX, roles=frozenset({Role.STAFF}), order=60
)
# The department that must act, and its reminders before and after the deadline.
TO_ACT = NotificationKind(
    "instructions.to_act",
    _("待落实的领导批示及提醒"),
    INBOX_SMS,
    roles=frozenset({Role.UNIT}),
    order=61,
)
# Feedback and decisions, to the leader, the office and the record's authors.
PROGRESS = NotificationKind("instructions.progress", _("批示落实进展"), INBOX, order=62)

KINDS = [WRITTEN, TO_ACT, PROGRESS]
