"""Smart intake on the pages: the review panel (staff), the writing panel (categories only),
one-click acceptance, and the acceptance figures. Each panel is fetched by htmx into its own
slot, so the record, writing and figures pages only carry an include."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.models import Committee, Role
from zhengxie.core.permissions import committee_ids_with_role
from zhengxie.core.web.errors import show_as_messages
from zhengxie.core.web.params import year_param
from zhengxie.core.web.scoping import pick_committee_ids

from .. import services
from ..intake.acceptance import CATEGORY_EDITABLE, accept_category, figures_acceptance
from ..intake.engine import IntakeError
from ..intake.forms import AcceptCategoryForm, AcceptUnitsForm
from ..intake.permissions import check_see_review_suggestions
from ..intake.suggestions import suggest_for_proposal, suggest_while_writing
from ..models import Proposal, ProposalState
from ..permissions import check_office_of
from ..selectors.reading import writing_committee_id

PANEL_STATES = CATEGORY_EDITABLE  # decided proposals need no suggestion
WRITING_SECTIONS = ("situation", "analysis", "suggestion")


@login_required
def review_panel(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.select_related("committee"), pk=pk, is_deleted=False
    )
    check_see_review_suggestions(request.user, proposal)
    if proposal.state not in PANEL_STATES:
        return HttpResponse("")
    context = {"proposal": proposal, "can_assign": proposal.state == ProposalState.REGISTERED}
    try:
        context["advice"] = suggest_for_proposal(proposal=proposal, user=request.user)
    except IntakeError as error:
        context["error"] = error.message
    return render(request, "proposals/intake/_review_panel.html", context)


@login_required
@require_POST
def writing_panel(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """htmx: the categories a text being written suggests."""
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False) if pk else None
    committee_id = proposal.committee_id if proposal else writing_committee_id(request.user)
    title = request.POST.get("title", "")
    text = "\n".join(request.POST.get(name, "") for name in WRITING_SECTIONS)
    context: dict = {}
    try:
        context["categories"] = suggest_while_writing(
            user=request.user,
            committee=Committee.objects.get(pk=committee_id),
            proposal=proposal,
            title=title,
            text=text,
        )
    except IntakeError as error:
        context["error"] = error.message
    return render(request, "proposals/intake/_writing_panel.html", context)


@login_required
@require_POST
def accept_category_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False)
    check_office_of(request.user, proposal)  # a refusal, not a form error, for everyone else
    form = AcceptCategoryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("类别：请选择一个类别。"))
        return redirect("proposals:detail", pk)
    try:
        accept_category(
            proposal=proposal, actor=request.user, category=form.cleaned_data["category"]
        )
        messages.success(request, _("类别已确定。"))
    except services.WorkflowError as error:
        show_as_messages(request, error)
    return redirect("proposals:detail", pk)


@login_required
@require_POST
def accept_units_view(request: HttpRequest, pk: int) -> HttpResponse:
    """交办 to the suggested lead and co-units in one click (the ordinary assignment)."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("committee"), pk=pk, is_deleted=False
    )
    check_office_of(request.user, proposal)  # before the form names any unit
    form = AcceptUnitsForm(request.POST, committee=proposal.committee)
    if not form.is_valid():
        messages.error(request, _("承办单位：建议的单位已停用或不属于本政协，请手动交办。"))
        return redirect("proposals:detail", pk)
    try:
        services.assign_proposal(
            proposal=proposal,
            actor=request.user,
            lead=form.cleaned_data["lead"],
            co_units=list(form.cleaned_data["co_units"]),
            expected_state=request.POST.get("seen_state") or None,
        )
        messages.success(request, _("已按建议交办。"))
    except services.WorkflowError as error:
        show_as_messages(request, error)
    return redirect("proposals:detail", pk)


@login_required
def acceptance_figures(request: HttpRequest) -> HttpResponse:
    """htmx: the figures page's acceptance table, for the same committees and year."""
    ids = committee_ids_with_role(request.user, Role.LEADER, Role.STAFF, Role.ADMIN, rollup=True)
    scope = pick_committee_ids(request, ids, refusal=_("只有领导和机关工作人员可以查看提案统计。"))
    year = year_param(request, default=timezone.localdate().year)
    rows = figures_acceptance(committee_ids=scope, year=year)
    return render(request, "proposals/intake/_acceptance.html", {"rows": rows})
