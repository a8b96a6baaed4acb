from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

from .permissions import can_open_deed_queue

NAV_ITEMS = [
    NavItem(_("我的履职"), "duty:me", frozenset({Role.MEMBER}), 20),
    NavItem(_("兴办实事"), "duty:deeds", frozenset({Role.MEMBER}), 22),
    NavItem(
        _("实事确认"),
        "duty:deed_queue",
        frozenset({Role.STAFF, Role.ADMIN, Role.CONVENOR}),
        64,
        shown_to=can_open_deed_queue,
    ),
    NavItem(_("履职考评"), "duty:standings", frozenset({Role.STAFF, Role.ADMIN, Role.LEADER}), 60),
]
