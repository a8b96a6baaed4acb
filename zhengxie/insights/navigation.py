from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

READERS = frozenset({Role.LEADER, Role.STAFF, Role.ADMIN})

NAV_ITEMS = [
    NavItem("驾驶舱", "insights:cockpit", READERS, 10),
    NavItem("年度回眸", "insights:review", READERS, 85),
]
