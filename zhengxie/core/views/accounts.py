"""Accounts by staff: members', unit liaisons' and other role holders' accounts, role grants
and revocations, and opening a whole committee's or sector's member accounts at once (letters
or SMS)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.staff_accounts import (
    GrantRoleForm,
    IssueAccountsForm,
    MemberAccountForm,
    NewAccountForm,
    UnitAccountForm,
)
from ..models import RoleGrant
from ..permissions import grantable_roles, office_committee_ids
from ..selectors import figures_member_accounts, list_role_grants
from ..services.accounts import (
    create_account,
    create_member_account,
    create_unit_account,
    grant_role,
    revoke_role,
)
from ..services.activation import IssueChannel, Issued, issue_accounts
from ..web.downloads import DOCX, download
from ..web.errors import show_as_messages, show_on_form
from ..web.pagination import paginate
from ..web.redirects import redirect_to, redirect_with_success
from ..web.scoping import committee_switch

# Each grant row carries its own revoke form; a hundred of them were a third of the page's time.
GRANTS_PAGE_SIZE = 50


def _forms(request: HttpRequest, committee, roles: list[str]) -> dict:
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action")
    return {
        "member_form": MemberAccountForm(data if action == "member" else None, committee=committee),
        "unit_form": UnitAccountForm(data if action == "unit" else None, committee=committee),
        "grant_form": GrantRoleForm(
            data if action == "grant" else None, committee=committee, roles=roles
        ),
        "create_form": NewAccountForm(
            data if action == "create" else None, committee=committee, roles=roles
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
    elif action == "create":
        user, password = create_account(
            staff=staff, committee=committee, **form.account_arguments()
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
    switch = committee_switch(request, office_committee_ids(request.user))
    committee = switch["committee"]
    roles = grantable_roles(request.user, committee)
    forms = _forms(request, committee, roles)
    if request.method == "POST":
        try:
            message = _act(request, committee, forms)
        except ValidationError as error:
            # The new account's form shows each refusal beside the field it names.
            if request.POST.get("action") == "create":
                show_on_form(forms["create_form"], error)
            else:
                show_as_messages(request, error)
            message = None
        if message:
            return redirect_with_success(
                request, message, "core:account_list", query={"committee": committee.code}
            )
    context = {
        **switch,
        "page": paginate(request, list_role_grants(committee=committee), GRANTS_PAGE_SIZE),
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
        show_as_messages(request, error)
    return redirect_to("core:account_list", query={"committee": grant.committee.code})


@login_required
def account_issue(request: HttpRequest) -> HttpResponse:
    switch = committee_switch(request, office_committee_ids(request.user))
    committee = switch["committee"]
    form = IssueAccountsForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            issued = _issue(request, committee, form.cleaned_data)
        except ValidationError as error:
            show_as_messages(request, error)
        else:
            if issued.letters is not None and issued.pending:
                return _letters_download(committee, issued)
            return redirect_with_success(
                request,
                _issued_message(issued, form.cleaned_data["channel"]),
                "core:account_issue",
                query={"committee": committee.code},
            )
    context = {
        **switch,
        "form": form,
        "figures": figures_member_accounts(committee=committee),
    }
    return render(request, "core/account_issue.html", context)


def _issue(request: HttpRequest, committee, data: dict) -> Issued:
    page = "core:activate" if data["channel"] == IssueChannel.LETTER else "core:sms_login"
    return issue_accounts(
        staff=request.user,
        committee=committee,
        channel=data["channel"],
        activation_url=request.build_absolute_uri(reverse(page)),
        sector=data["sector"],
        special_committee=data["special_committee"],
    )


def _letters_download(committee, issued: Issued) -> HttpResponse:
    filename = f"{committee.code}-{_('账号开通通知书')}-{issued.pending}.docx"
    return download(issued.letters, filename=filename, content_type=DOCX)


def _issued_message(issued: Issued, channel: str) -> str:
    if not issued.pending:
        return _("范围内 %(members)d 位委员的账号均已激活，无需再发通知。") % {
            "members": issued.members
        }
    return _("已为 %(pending)d 位尚未激活的委员发送开通短信（新开通账号 %(made)d 个）。") % {
        "pending": issued.pending,
        "made": issued.accounts_made,
    }
