"""Accounts by staff: members' and unit liaisons' accounts, role grants and revocations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.staff_accounts import GrantRoleForm, MemberAccountForm, UnitAccountForm
from ..models import RoleGrant
from ..permissions import grantable_roles, office_committee_ids
from ..selectors import list_role_grants
from ..services.accounts import (
    create_member_account,
    create_unit_account,
    grant_role,
    revoke_role,
)
from .scoping import allowed_committees, pick_committee


def _forms(request: HttpRequest, committee, roles: list[str]) -> dict:
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action")
    return {
        "member_form": MemberAccountForm(data if action == "member" else None, committee=committee),
        "unit_form": UnitAccountForm(data if action == "unit" else None, committee=committee),
        "grant_form": GrantRoleForm(
            data if action == "grant" else None, committee=committee, roles=roles
        ),
    }


def _act(request: HttpRequest, committee, forms: dict) -> str | None:
    """Runs the submitted form's service; returns the success message, or None."""
    action = request.POST.get("action")
    form = forms.get(f"{action}_form")
    if form is None or not form.is_valid():
        return None
    data, staff = form.cleaned_data, request.user
    if action == "member":
        user, password = create_member_account(
            staff=staff, member=data["member"], username=data["username"]
        )
    elif action == "unit":
        user, password = create_unit_account(
            staff=staff,
            unit=data["unit"],
            username=data["username"],
            display_name=data["display_name"],
        )
    else:
        grant_role(staff=staff, committee=committee, **form.grant_arguments())
        return _("已授予角色。")
    return _("已创建账号 %(username)s，初始密码 %(password)s（首次登录须修改）。") % {
        "username": user.username,
        "password": password,
    }


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    allowed = office_committee_ids(request.user)
    committee = pick_committee(request, allowed)
    roles = grantable_roles(request.user, committee)
    forms = _forms(request, committee, roles)
    if request.method == "POST":
        try:
            message = _act(request, committee, forms)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            message = None
        if message:
            messages.success(request, message)
            return redirect(f"{reverse('core:account_list')}?committee={committee.code}")
    context = {
        "committee": committee,
        "committees": allowed_committees(allowed),
        "page": Paginator(list_role_grants(committee=committee), 100).get_page(
            request.GET.get("page")
        ),
        "query": f"committee={committee.code}",
        **forms,
    }
    return render(request, "core/account_list.html", context)


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(RoleGrant.objects.select_related("committee", "user"), pk=pk)
    try:
        revoke_role(staff=request.user, grant=grant)
        messages.success(request, _("已撤销 %(grant)s。") % {"grant": grant})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('core:account_list')}?committee={grant.committee.code}")
