"""Lists: the register, my proposals, the unit workspace, the office desk, key proposals and
figures."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, Plenary, Role
from zhengxie.core.permissions import (
    committee_ids_with_role,
    office_committee_ids,
    readable_committee_ids,
    unit_ids_of,
)
from zhengxie.core.web.pagination import paginate
from zhengxie.core.web.params import year_param
from zhengxie.core.web.scoping import pick_committee_ids
from zhengxie.core.workflow.actions import actions_for

from .. import selectors
from ..forms import RegisterFilterForm
from ..permissions import key_proposal_committee_ids

PAGE_SIZE = 50


@login_required
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.RegisterFilters(**{k: v for k, v in data.items() if v not in (None, "")})
    register = selectors.list_register_rows(user=request.user, filters=filters)
    page = paginate(request, register.rows, PAGE_SIZE, count=register.count)
    readable = readable_committee_ids(request.user)
    context = {
        "form": form,
        "page": page,
        "plenaries": Plenary.objects.filter(committee_id__in=readable).select_related("committee"),
        "today": timezone.localdate(),
    }
    return render(request, "proposals/register.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    proposals = selectors.as_register_rows(selectors.list_my_proposals(user=request.user))[:200]
    return render(request, "proposals/mine.html", {"proposals": proposals})


@login_required
def unit_desk(request: HttpRequest) -> HttpResponse:
    if not unit_ids_of(request.user):
        raise PermissionDenied(_("只有承办单位联络员可以进入办理工作台。"))
    assignments = selectors.list_unit_assignments(user=request.user)
    return render(
        request,
        "proposals/unit_desk.html",
        {"assignments": assignments, "today": timezone.localdate()},
    )


def _office_ids(request: HttpRequest) -> list[int]:
    ids = sorted(office_committee_ids(request.user))
    if not ids:
        raise PermissionDenied(_("只有机关工作人员可以进入提案工作台。"))
    return ids


def _with_actions(rows, request: HttpRequest) -> list[tuple]:
    """Each request with its buttons: the steps the engine lets this person take on it."""
    return [(row, actions_for(row, request.user, with_override=False)) for row in rows]


@login_required
def office_desk(request: HttpRequest) -> HttpResponse:
    ids = _office_ids(request)
    context = {
        "overdue": selectors.as_register_rows(selectors.list_overdue(committee_ids=ids))[:100],
        "contact_overdue": selectors.list_contact_overdue(committee_ids=ids)[:100],
        "requests": _with_actions(selectors.list_pending_requests(committee_ids=ids), request),
        "extensions": _with_actions(selectors.list_pending_extensions(committee_ids=ids), request),
        "today": timezone.localdate(),
    }
    return render(request, "proposals/office_desk.html", context)


@login_required
def key_list(request: HttpRequest) -> HttpResponse:
    ids = key_proposal_committee_ids(request.user)
    keys = selectors.list_key_proposals(committee_ids=ids)
    return render(request, "proposals/key_list.html", {"keys": keys})


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    ids = committee_ids_with_role(request.user, Role.LEADER, Role.STAFF, Role.ADMIN, rollup=True)
    scope = pick_committee_ids(request, ids, refusal=_("只有领导和机关工作人员可以查看提案统计。"))
    committees = Committee.objects.filter(pk__in=ids)
    year = year_param(request, default=timezone.localdate().year)
    context = {
        "data": selectors.figures(committee_ids=scope, year=year),
        "by_unit": selectors.figures_by_unit(committee_ids=scope, year=year)[:30],
        "by_category": selectors.figures_by_category(committee_ids=scope, year=year),
        "committees": committees,
        "year": year,
    }
    return render(request, "proposals/figures.html", context)
