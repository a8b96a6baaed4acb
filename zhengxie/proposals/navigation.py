from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(_("我的提案"), "proposals:mine", frozenset({Role.MEMBER}), 10),
    NavItem(
        _("提案"),
        "proposals:register",
        frozenset({Role.MEMBER, Role.STAFF, Role.ADMIN, Role.LEADER, Role.UNIT}),
        11,
    ),
    NavItem(_("提案工作台"), "proposals:office", frozenset({Role.STAFF, Role.ADMIN}), 12),
    NavItem(_("提案办理"), "proposals:unit", frozenset({Role.UNIT}), 12),
    NavItem(_("重点提案"), "proposals:key", frozenset({Role.LEADER, Role.STAFF, Role.ADMIN}), 13),
    NavItem(
        _("提案统计"), "proposals:figures", frozenset({Role.LEADER, Role.STAFF, Role.ADMIN}), 14
    ),
    NavItem(_("我的委员来信"), "proposals:my_letters", frozenset({Role.MEMBER}), 15),
    NavItem(_("委员来信办理"), "proposals:letters", frozenset({Role.STAFF, Role.ADMIN}), 16),
    NavItem(_("提案公开"), "proposals:public", frozenset(), 60),
]
