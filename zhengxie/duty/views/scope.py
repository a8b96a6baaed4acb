"""Which committee and year a staff page shows: from the query string, within what the
person may read."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee
from zhengxie.core.views.params import year_param
from zhengxie.core.views.scoping import pick_committee

from ..permissions import standings_committee_ids


def year_of(request: HttpRequest) -> int:
    return year_param(request, default=timezone.localdate().year)


def committees_of(request: HttpRequest) -> list[Committee]:
    ids = standings_committee_ids(request.user)
    if not ids:
        raise PermissionDenied(_("只有政协机关工作人员和领导可以查看委员履职情况。"))
    return list(Committee.objects.filter(pk__in=ids).order_by("level", "id"))


def committee_of(request: HttpRequest, committees: list[Committee]) -> Committee:
    return pick_committee(request, {c.pk for c in committees})
