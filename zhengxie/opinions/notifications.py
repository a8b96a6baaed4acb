"""The notifications the opinions app sends. Registered by OpinionsConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.notifications.defaults import INBOX, INBOX_SMS

MEMBERS = frozenset({Role.MEMBER})

REPORT_UPDATE = NotificationKind(
    "opinions.report_update", _("社情民意信息进展"), INBOX_SMS, roles=MEMBERS, order=30
)
INSTRUCTION = NotificationKind(
    "opinions.instruction", _("领导批示及落实"), INBOX_SMS, roles=MEMBERS, order=31
)

# A report forwarded to a department, and the department's answer back to the office.
FORWARDED = NotificationKind(
    "opinions.forwarded",
    _("转送办理的社情民意信息"),
    INBOX_SMS,
    roles=frozenset({Role.UNIT}),
    order=32,
)
ANSWERED = NotificationKind(
    "opinions.answered", _("转送部门的答复"), INBOX, roles=frozenset({Role.STAFF}), order=33
)

KINDS = [REPORT_UPDATE, INSTRUCTION, FORWARDED, ANSWERED]
