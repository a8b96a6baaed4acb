from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(_("反映问题"), "grassroots:report", frozenset({Role.RESIDENT}), 20),
    NavItem(_("我的反映"), "grassroots:my_reports", frozenset({Role.RESIDENT}), 21),
    NavItem(
        _("一线协商"),
        "grassroots:venue_list",
        frozenset({Role.CONVENOR, Role.STAFF, Role.ADMIN, Role.LEADER, Role.MEMBER}),
        40,
    ),
    NavItem(
        _("协商问题"),
        "grassroots:case_list",
        frozenset({Role.CONVENOR, Role.STAFF, Role.ADMIN}),
        41,
    ),
    NavItem(_("联系群众"), "grassroots:contacts", frozenset({Role.MEMBER}), 42),
    NavItem(
        _("下沉报到"),
        "grassroots:members_by_town",
        frozenset({Role.STAFF, Role.ADMIN, Role.LEADER}),
        43,
    ),
    NavItem(
        _("基层协商统计"),
        "grassroots:figures",
        frozenset({Role.STAFF, Role.ADMIN, Role.LEADER}),
        44,
    ),
    NavItem(
        _("业务流程"),
        "core:workflow_guide",
        frozenset({Role.STAFF, Role.ADMIN}),
        45,
        args=("grassroots",),
    ),
]
