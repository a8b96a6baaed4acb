"""Which committee and year a staff page shows: from the query string, within what the
person may read."""

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.web.params import year_param
from zhengxie.core.web.scoping import committee_switch

from ..permissions import standings_committee_ids


def year_of(request: HttpRequest) -> int:
    return year_param(request, default=timezone.localdate().year)


def scope_of(request: HttpRequest) -> dict:
    """The page's `committee`, the `committees` it may switch to, and the `year`."""
    refusal = _("只有政协机关工作人员和领导可以查看委员履职情况。")
    switch = committee_switch(request, standings_committee_ids(request.user), refusal=refusal)
    return {**switch, "year": year_of(request)}
