"""The notifications the proposals app sends. Registered by ProposalsConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.notifications.defaults import INBOX_SMS

MEMBERS = frozenset({Role.MEMBER})
UNITS = frozenset({Role.UNIT})

PROGRESS = NotificationKind(
    "proposals.progress", _("提案审查与办理进展"), INBOX_SMS, roles=MEMBERS, order=10
)
# Co-signing closes at a deadline a few days away: an invitation that waits for the evening
# digest loses a day.
COSIGN_INVITATION = NotificationKind(
    "proposals.cosign_invitation", _("联名邀请"), INBOX_SMS, urgent=True, roles=MEMBERS, order=11
)
REPLY_RECEIVED = NotificationKind(
    "proposals.reply_received", _("提案答复（请评价）"), INBOX_SMS, roles=MEMBERS, order=12
)
ASSIGNED = NotificationKind("proposals.assigned", _("新交办提案"), INBOX_SMS, roles=UNITS, order=13)
DEADLINE_REMINDER = NotificationKind(
    "proposals.deadline_reminder", _("提案办理期限提醒"), INBOX_SMS, roles=UNITS, order=14
)
SUPERVISION = NotificationKind(
    "proposals.supervision",
    _("重点提案督办"),
    INBOX_SMS,
    roles=frozenset({Role.LEADER}),
    order=15,
)

KINDS = [PROGRESS, COSIGN_INVITATION, REPLY_RECEIVED, ASSIGNED, DEADLINE_REMINDER, SUPERVISION]
