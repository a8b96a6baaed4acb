"""Which committee, year and roll-up a reader's dashboards show: the same default and the same
refusals for the cockpit page and the app's headline figures."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, User
from zhengxie.proposals import selectors as proposals

from .permissions import check_rollup_permission, dashboard_committee_ids


def default_scope(user: User) -> tuple[Committee, int]:
    """The reader's own top committee and the year of its newest plenary with registered
    proposals (this year before any); refused to anyone who reads no dashboard."""
    ids = dashboard_committee_ids(user)
    if not ids:
        raise PermissionDenied(_("只有本级政协领导和机关工作人员可以查看统计数据。"))
    committee = Committee.objects.filter(pk__in=ids).order_by("level", "id").first()
    year = proposals.latest_plenary_year(committee_ids=[committee.pk])
    return committee, year or timezone.localdate().year


def dashboard_scope(
    *, user: User, committee_id: int | None = None, year: int | None = None, rollup: bool = True
) -> tuple[Committee, int, bool]:
    """The asked committee and year, each defaulting as default_scope does; roll-up only for
    a city (a county has nothing below it). 404 for a committee the reader may not read."""
    committee, default_year = default_scope(user)
    if committee_id is not None and committee_id != committee.pk:
        committee = Committee.objects.filter(
            pk=committee_id, pk__in=dashboard_committee_ids(user)
        ).first()
        if committee is None:
            raise Committee.DoesNotExist
    rollup = rollup and committee.parent_id is None
    check_rollup_permission(user, committee, rollup)
    return committee, year or default_year, rollup
