"""The notifications the activities app sends. Registered by ActivitiesConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.notifications.defaults import INBOX, INBOX_SMS

MEMBERS = frozenset({Role.MEMBER})

# A meeting notice and its cancellation matter on the day they are sent.
INVITATION = NotificationKind(
    "activities.invitation", _("活动通知"), INBOX_SMS, urgent=True, roles=MEMBERS, order=20
)
CANCELLED = NotificationKind(
    "activities.cancelled", _("活动取消"), INBOX_SMS, urgent=True, roles=MEMBERS, order=21
)
LEAVE_REQUEST = NotificationKind(
    "activities.leave_request",
    _("请假待审批"),
    INBOX,
    roles=frozenset({Role.STAFF, Role.LEADER, Role.ADMIN}),
    order=22,
)
LEAVE_DECISION = NotificationKind(
    "activities.leave_decision", _("请假审批结果"), INBOX_SMS, roles=MEMBERS, order=23
)
ABSENCE_WARNING = NotificationKind(
    "activities.absence_warning",
    _("缺席预警"),
    INBOX,
    roles=frozenset({Role.MEMBER, Role.STAFF}),
    order=24,
)

KINDS = [INVITATION, CANCELLED, LEAVE_REQUEST, LEAVE_DECISION, ABSENCE_WARNING]
