from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

from .permissions import can_open_moderation_queue

NAV_ITEMS = [
    NavItem(_("门户论坛"), "portal:home", order=10),
    NavItem(_("委员风采"), "portal:showcase", order=11),
    NavItem(_("文史馆"), "portal:hall", order=12),
    NavItem(
        _("论坛审核"),
        "portal:moderation",
        frozenset({Role.STAFF, Role.ADMIN}),
        order=85,
        shown_to=can_open_moderation_queue,
    ),
    NavItem(
        _("论坛业务流程"),
        "core:workflow_guide",
        frozenset({Role.STAFF, Role.ADMIN}),
        order=86,
        args=("portal",),
        menu="portal",
    ),
]
