from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(_("我的批示"), "instructions:mine", frozenset({Role.LEADER}), 36),
    NavItem(_("批示落实"), "instructions:unit", frozenset({Role.UNIT}), 37),
    NavItem(_("领导批示办理"), "instructions:queue", frozenset({Role.STAFF, Role.ADMIN}), 38),
    NavItem(
        _("业务流程"),
        "core:workflow_guide",
        frozenset({Role.STAFF, Role.ADMIN}),
        39,
        args=("instructions",),
        menu="instructions",
    ),
]
