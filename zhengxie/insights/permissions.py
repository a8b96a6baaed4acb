"""Who reads the figures: leaders, office staff and administrators; the city's see the
roll-up of their counties, a county's only itself."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, Role, User
from zhengxie.core.permissions import committee_ids_with_role, has_role

READER_ROLES = (Role.LEADER, Role.STAFF, Role.ADMIN)


def dashboard_committee_ids(user: User) -> set[int]:
    return committee_ids_with_role(user, *READER_ROLES, rollup=True)


def can_read_dashboards(user: User, committee: Committee) -> bool:
    return committee.pk in dashboard_committee_ids(user)


def check_read_dashboards_permission(user: User, committee: Committee) -> None:
    if not can_read_dashboards(user, committee):
        raise PermissionDenied(_("只有本级政协领导和机关工作人员可以查看统计数据。"))


def check_rollup_permission(user: User, committee: Committee, rollup: bool) -> None:
    """The roll-up of a city includes its counties: the reader must see each of them."""
    check_read_dashboards_permission(user, committee)
    if rollup and committee.children.exclude(pk__in=dashboard_committee_ids(user)).exists():
        raise PermissionDenied(_("您只能查看本级政协的统计数据。"))


def can_edit_review(user: User, committee: Committee) -> bool:
    """The review's prose is the office's: its own staff edit and publish it, per committee
    (the city's office does not write a county's review); leaders read it."""
    return has_role(user, committee, Role.STAFF)


def check_edit_review_permission(user: User, committee: Committee) -> None:
    if not can_edit_review(user, committee):
        raise PermissionDenied(_("只有本级政协机关工作人员可以编辑和发布年度工作回眸。"))
