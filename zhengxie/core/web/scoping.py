"""Which committee a page works on: `?committee=` (a code, or an id as other apps' links write
it), checked against the committees the person may use there. Every app's pages pick through
here, so a committee outside the person's reach is refused the same way everywhere.
`core/_committee_switch.html` offers the others the person may use."""

from django.core.exceptions import PermissionDenied
from django.core.validators import slug_re
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..models import Committee
from ..permissions import office_committee_ids
from .params import parse_int


def _named_committee(request: HttpRequest, allowed_ids: set[int]) -> Committee | None:
    wanted = request.GET.get("committee") or request.POST.get("committee")
    if not wanted:
        return None
    numeric = wanted.isascii() and wanted.isdigit()
    if not numeric and not slug_re.match(wanted):
        raise Http404  # no code looks like this; PostgreSQL would fail on a NUL in it
    lookup = {"pk": parse_int(wanted, field="committee")} if numeric else {"code": wanted}
    committee = get_object_or_404(Committee, **lookup)
    if committee.pk not in allowed_ids:
        raise PermissionDenied(_("您无权访问“%(name)s”的资料。") % {"name": committee.name})
    return committee


def pick_committee(
    request: HttpRequest, allowed_ids: set[int], *, refusal: str | None = None
) -> Committee:
    """The committee named in the request, else the first the person may use (the city
    before its counties). `refusal` is the message for someone who may use none."""
    committee = _named_committee(request, allowed_ids) or (
        Committee.objects.filter(pk__in=allowed_ids).order_by("level", "id").first()
    )
    if committee is None:
        raise PermissionDenied(refusal or _("您没有权限访问此页面。"))
    return committee


def pick_committee_ids(
    request: HttpRequest, allowed_ids: set[int], *, refusal: str | None = None
) -> list[int]:
    """For pages that add committees up: the one named in the request, else all allowed."""
    if not allowed_ids:
        raise PermissionDenied(refusal or _("您没有权限访问此页面。"))
    committee = _named_committee(request, allowed_ids)
    return [committee.pk] if committee else sorted(allowed_ids)


def allowed_committees(allowed_ids: set[int]) -> list[Committee]:
    return list(Committee.objects.filter(pk__in=allowed_ids).order_by("level", "id"))


def committee_switch(
    request: HttpRequest, allowed_ids: set[int], *, refusal: str | None = None
) -> dict:
    """The page's `committee` and the `committees` the switch offers, for its context."""
    return {
        "committee": pick_committee(request, allowed_ids, refusal=refusal),
        "committees": allowed_committees(allowed_ids),
    }


def office_committee(request: HttpRequest) -> Committee:
    """The committee whose office the person works in (`?committee=` picks among several)."""
    return pick_committee(
        request, office_committee_ids(request.user), refusal=_("只有政协机关工作人员可以操作。")
    )
