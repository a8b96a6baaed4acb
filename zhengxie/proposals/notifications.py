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

# A proposal converted to a members' letter (委员来信): where it went and its answer.
LETTER_PROGRESS = NotificationKind(
    "proposals.letter_progress", _("委员来信办理进展"), INBOX_SMS, roles=MEMBERS, order=16
)
LETTER_FORWARDED = NotificationKind(
    "proposals.letter_forwarded", _("转办的委员来信"), INBOX_SMS, roles=UNITS, order=17
)
# The office's decision on a unit's request to reassign or to extend (and the new unit's).
HANDLING_DECISION = NotificationKind(
    "proposals.handling_decision",
    _("调整承办单位与延期申请的决定"),
    INBOX_SMS,
    roles=UNITS,
    order=18,
)

KINDS = [
    PROGRESS,
    COSIGN_INVITATION,
    REPLY_RECEIVED,
    ASSIGNED,
    DEADLINE_REMINDER,
    SUPERVISION,
    LETTER_PROGRESS,
    LETTER_FORWARDED,
    HANDLING_DECISION,
]
