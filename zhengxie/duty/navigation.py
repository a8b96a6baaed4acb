from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(_("我的履职"), "duty:me", frozenset({Role.MEMBER}), 20),
    NavItem(_("履职考评"), "duty:standings", frozenset({Role.STAFF, Role.ADMIN, Role.LEADER}), 60),
]
