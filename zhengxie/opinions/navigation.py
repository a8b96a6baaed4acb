from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(_("我的社情民意"), "opinions:mine", frozenset({Role.MEMBER}), 30),
    NavItem(_("信息编辑"), "opinions:queue", frozenset({Role.STAFF, Role.ADMIN}), 31),
    NavItem(_("社情民意期刊"), "opinions:bulletins", frozenset({Role.STAFF, Role.ADMIN}), 32),
    NavItem(_("信息采用与批示"), "opinions:overview", frozenset({Role.LEADER}), 33),
]
