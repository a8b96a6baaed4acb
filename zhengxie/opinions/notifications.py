"""The notifications the opinions app sends. Registered by OpinionsConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.notifications.defaults import INBOX_SMS

MEMBERS = frozenset({Role.MEMBER})

REPORT_UPDATE = NotificationKind(
    "opinions.report_update", _("社情民意信息进展"), INBOX_SMS, roles=MEMBERS, order=30
)
INSTRUCTION = NotificationKind(
    "opinions.instruction", _("领导批示及落实"), INBOX_SMS, roles=MEMBERS, order=31
)

KINDS = [REPORT_UPDATE, INSTRUCTION]
