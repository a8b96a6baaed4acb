from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

READERS = frozenset({Role.LEADER, Role.STAFF, Role.ADMIN})

NAV_ITEMS = [
    NavItem(_("驾驶舱"), "insights:cockpit", READERS, 10),
    NavItem(_("年度回眸"), "insights:review", READERS, 85),
]
