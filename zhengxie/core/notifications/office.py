"""The kinds the office itself sends: notices composed on the bulk notice page."""

from django.utils.translation import gettext_lazy as _

from ..models import Role
from .channels import Channel
from .kinds import NotificationKind

EVERYONE = frozenset()

PLENARY_NOTICE = NotificationKind(
    "core.plenary_notice",
    _("全体会议通知"),
    frozenset({Channel.INBOX, Channel.SMS}),
    urgent=True,
    roles=frozenset({Role.MEMBER}),
    order=1,
)
OFFICE_NOTICE = NotificationKind(
    "core.office_notice",
    _("机关通知"),
    frozenset({Channel.INBOX, Channel.SMS}),
    urgent=False,
    roles=EVERYONE,
    order=2,
)

KINDS = [PLENARY_NOTICE, OFFICE_NOTICE]
