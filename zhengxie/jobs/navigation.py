from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Role
from zhengxie.core.navigation import NavItem

from .permissions import can_open_queues

OFFICE_ROLES = frozenset({Role.STAFF, Role.ADMIN})

NAV_ITEMS = [
    NavItem(_("就业服务"), "jobs:search", order=14),
    NavItem(_("单位核验"), "jobs:verification_queue", OFFICE_ROLES, 87, shown_to=can_open_queues),
    NavItem(_("岗位审核"), "jobs:review_queue", OFFICE_ROLES, 88, shown_to=can_open_queues),
    NavItem(_("岗位举报"), "jobs:moderation", OFFICE_ROLES, 89, shown_to=can_open_queues),
    NavItem(
        _("就业业务流程"),
        "core:workflow_guide",
        OFFICE_ROLES,
        order=90,
        args=("jobs",),
        menu="jobs",
    ),
]
