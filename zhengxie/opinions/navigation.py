from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

OFFICE = frozenset({Role.STAFF, Role.ADMIN})

NAV_ITEMS = [
    NavItem(_("我的社情民意"), "opinions:mine", frozenset({Role.MEMBER}), 30),
    NavItem(_("信息编辑"), "opinions:queue", OFFICE, 31),
    NavItem(_("社情民意期刊"), "opinions:bulletins", OFFICE, 32),
    NavItem(_("信息采用与批示"), "opinions:overview", frozenset({Role.LEADER}), 33),
    NavItem(_("转送信息办理"), "opinions:unit", frozenset({Role.UNIT}), 35),
    NavItem(_("业务流程"), "core:workflow_guide", OFFICE, 34, args=("opinions",), menu="opinions"),
]
