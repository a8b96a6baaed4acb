from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

OFFICE = frozenset({Role.STAFF, Role.ADMIN})

NAV_ITEMS = [
    NavItem(
        _("协商与活动"),
        "activities:list",
        frozenset({Role.STAFF, Role.ADMIN, Role.LEADER, Role.MEMBER}),
        30,
    ),
    NavItem(_("协商计划"), "activities:plan", OFFICE, 31),
    NavItem(
        _("履职成果"), "activities:outcomes", frozenset({Role.STAFF, Role.ADMIN, Role.LEADER}), 32
    ),
    NavItem(
        _("请假审批"), "activities:leaves", frozenset({Role.STAFF, Role.ADMIN, Role.LEADER}), 33
    ),
    NavItem(
        _("理论征文"),
        "activities:essay_calls",
        frozenset({Role.STAFF, Role.ADMIN, Role.MEMBER}),
        34,
    ),
    NavItem(
        _("委员读书"),
        "activities:reading_groups",
        frozenset({Role.STAFF, Role.ADMIN, Role.MEMBER}),
        35,
    ),
    NavItem(_("业务流程"), "activities:workflows", OFFICE, 36),
]
