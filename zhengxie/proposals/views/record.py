"""The record page, and the two review steps whose forms are more than fields: assigning units
and approving a reply. Every other step is taken on the engine's act page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zhengxie.core.history import history_context
from zhengxie.core.permissions import is_office
from zhengxie.core.web.errors import show_as_messages
from zhengxie.core.workflow import WorkflowError, workflow_of
from zhengxie.instructions.selectors import panel_for

from .. import selectors, services
from ..forms import ApproveForm, AssignForm
from ..instruction_targets import KEY_PROPOSAL
from ..models import DeclineGround, Proposal, Reply, ReplyState
from ..permissions import check_read_proposal
from ..selectors.record import can_supervise, record_actions


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        proposal = selectors.get_proposal(pk)
    except Proposal.DoesNotExist as error:
        raise Http404 from error
    check_read_proposal(request.user, proposal)
    office = is_office(request.user, proposal.committee_id)
    context = {
        "proposal": proposal,
        "actions": record_actions(request.user, proposal),
        "office": office,
        **history_context(proposal, shown=office),
        "grounds": [DeclineGround(g).label for g in proposal.decline_grounds],
        "can_supervise": can_supervise(request.user, proposal),
    }
    key = getattr(proposal, "key", None)
    if key is not None:
        context.update(panel_for(request.user, KEY_PROPOSAL, key))
    return render(request, "proposals/detail.html", context)


def _check_may(record, step: str, user) -> None:
    transition = workflow_of(record).transition(step)
    if not transition.may(user, record):
        raise PermissionDenied(_("您无权执行“%(action)s”。") % {"action": transition.label})


@login_required
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """交办: units picked from the committee's list, a lead (with co-units) or split units."""
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False)
    _check_may(proposal, "assign", request.user)
    form = AssignForm(request.POST or None, committee=proposal.committee)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assign_proposal(
                proposal=proposal,
                actor=request.user,
                lead=data["lead"],
                co_units=list(data["co_units"]),
                split_units=list(data["split_units"]),
                expected_state=request.POST.get("seen_state") or None,
            )
        except WorkflowError as error:
            show_as_messages(request, error)
        else:
            messages.success(request, _("已交办。"))
        return redirect("proposals:detail", pk)
    context = {"proposal": proposal, "label": _("交办"), "form": form}
    return render(request, "proposals/action.html", context)


@login_required
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Office review of one reply: approve it, the class and publish mode may change."""
    reply = get_object_or_404(
        Reply.objects.select_related("proposal", "unit").prefetch_related("co_opinions__unit"),
        pk=pk,
    )
    _check_may(reply, "approve", request.user)
    proposal = reply.proposal
    initial = {"result_class": reply.result_class, "publish_mode": reply.publish_mode}
    form = ApproveForm(request.POST or None, initial=initial, committee=proposal.committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.approve_reply(reply=reply, actor=request.user, **form.cleaned_data)
        except WorkflowError as error:
            show_as_messages(request, error)
        else:
            messages.success(request, _("答复已审核发出。"))
        return redirect("proposals:detail", proposal.pk)
    waiting = reply.state == ReplyState.OFFICE_REVIEW
    context = {"proposal": proposal, "reply": reply, "form": form, "waiting": waiting}
    return render(request, "proposals/approve.html", context)
