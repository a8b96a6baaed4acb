"""Who sees which suggestions. Categories help whoever writes or reviews a proposal; the
units are the office's decision and name the past proposals behind them, so only staff of
the proposal's own committee see them (a city's staff reading a county's roll-up do not)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.permissions import is_office

from ..models import Proposal
from ..permissions import check_read_proposal


def can_see_unit_suggestions(user: User, proposal: Proposal) -> bool:
    return is_office(user, proposal.committee_id)


def check_see_review_suggestions(user: User, proposal: Proposal) -> None:
    check_read_proposal(user, proposal)
    if not can_see_unit_suggestions(user, proposal):
        raise PermissionDenied(_("只有本级政协机关工作人员可以查看交办建议。"))
