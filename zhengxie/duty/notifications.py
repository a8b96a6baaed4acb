"""The notifications the duty app sends. Registered by DutyConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.notifications.defaults import INBOX, INBOX_SMS

WARNING = NotificationKind(
    "duty.warning", _("履职预警"), INBOX_SMS, roles=frozenset({Role.MEMBER}), order=50
)

# A deed waiting for the venue's convenor or the office to confirm it.
DEED_TO_CONFIRM = NotificationKind(
    "duty.deed_to_confirm",
    _("待确认的兴办实事"),
    INBOX,
    roles=frozenset({Role.CONVENOR, Role.STAFF}),
    order=51,
)
DEED_DECIDED = NotificationKind(
    "duty.deed_decided", _("兴办实事确认结果"), INBOX, roles=frozenset({Role.MEMBER}), order=52
)

KINDS = [WARNING, DEED_TO_CONFIRM, DEED_DECIDED]
