"""Which committee a page works on: the `committee` code in the query, checked against the
committees the person may use there; by default the first of them."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..models import Committee


def pick_committee(request: HttpRequest, allowed_ids: set[int]) -> Committee:
    code = request.GET.get("committee") or request.POST.get("committee")
    if code:
        # Other apps' links name the committee by id, the roster's own by code.
        lookup = {"pk": int(code)} if code.isdigit() else {"code": code}
        committee = get_object_or_404(Committee, **lookup)
        if committee.pk not in allowed_ids:
            raise PermissionDenied(_("您无权访问“%(name)s”的资料。") % {"name": committee.name})
        return committee
    committee = Committee.objects.filter(pk__in=allowed_ids).order_by("level", "id").first()
    if committee is None:
        raise PermissionDenied(_("您没有权限访问此页面。"))
    return committee


def allowed_committees(allowed_ids: set[int]) -> list[Committee]:
    return list(Committee.objects.filter(pk__in=allowed_ids).order_by("level", "id"))
