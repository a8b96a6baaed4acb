"""The notifications the duty app sends. Registered by DutyConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.notifications.defaults import INBOX_SMS

WARNING = NotificationKind(
    "duty.warning", _("履职预警"), INBOX_SMS, roles=frozenset({Role.MEMBER}), order=50
)

KINDS = [WARNING]
