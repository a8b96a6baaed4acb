"""The record page and the review steps taken from it (one page per workflow action)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zhengxie.core.history import history_of
from zhengxie.core.permissions import is_office

from .. import selectors, services
from ..forms import (
    ApproveForm,
    AssignForm,
    DeclineForm,
    MergeForm,
    OptionalReasonForm,
    OverrideForm,
    ReasonForm,
)
from ..models import DeclineGround, Proposal, Reply, ReplyState
from ..permissions import can_take, check_read_proposal, check_take
from ..selectors.record import available_actions, can_supervise
from ..workflow import OVERRIDE, transition


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
        "actions": available_actions(request.user, proposal),
        "office": office,
        # Rows bulk-loaded without history (old registers) have no versions to show.
        "history": history_of(proposal) if office and proposal.history.exists() else [],
        "grounds": [DeclineGround(g).label for g in proposal.decline_grounds],
        "can_supervise": can_supervise(request.user, proposal),
        "awaiting_approval": [
            r for r in proposal.replies.all() if r.state == ReplyState.OFFICE_REVIEW
        ],
    }
    return render(request, "proposals/detail.html", context)


def _merge(request, proposal, data):
    into = Proposal.objects.filter(
        plenary_id=proposal.plenary_id, number=data["into_number"], is_deleted=False
    ).first()
    if into is None:
        raise services.WorkflowError(
            _("并入提案：本次会议没有第%(n)s号提案。") % {"n": data["into_number"]}
        )
    return services.merge_proposal(
        proposal=proposal,
        into=into,
        actor=request.user,
        reason=data["reason"],
        expected_state=request.POST.get("seen_state"),
    )


def _seen(request) -> str | None:
    return request.POST.get("seen_state") or None


# action -> (form class, needs the committee, call(request, proposal, cleaned_data))
ACTION_PAGES = {
    "preliminary": (
        ReasonForm,
        False,
        lambda r, p, d: services.give_preliminary_opinion(
            proposal=p, actor=r.user, opinion=d["reason"], expected_state=_seen(r)
        ),
    ),
    "return_for_revision": (
        ReasonForm,
        False,
        lambda r, p, d: services.return_for_revision(
            proposal=p, actor=r.user, reason=d["reason"], expected_state=_seen(r)
        ),
    ),
    "register": (
        OptionalReasonForm,
        False,
        lambda r, p, d: services.register_proposal(
            proposal=p, actor=r.user, reason=d["reason"], expected_state=_seen(r)
        ),
    ),
    "merge": (MergeForm, False, _merge),
    "decline": (
        DeclineForm,
        False,
        lambda r, p, d: services.decline_proposal(
            proposal=p,
            actor=r.user,
            grounds=d["grounds"],
            reason=d["reason"],
            expected_state=_seen(r),
        ),
    ),
    "convert_to_opinion": (
        ReasonForm,
        False,
        lambda r, p, d: services.convert_to_opinion(
            proposal=p, actor=r.user, reason=d["reason"], expected_state=_seen(r)
        ),
    ),
    "convert_to_letter": (
        ReasonForm,
        False,
        lambda r, p, d: services.convert_to_letter(
            proposal=p, actor=r.user, reason=d["reason"], expected_state=_seen(r)
        ),
    ),
    "withdraw": (
        ReasonForm,
        False,
        lambda r, p, d: services.withdraw_proposal(
            proposal=p, actor=r.user, reason=d["reason"], expected_state=_seen(r)
        ),
    ),
    "close_cosigning": (
        OptionalReasonForm,
        False,
        lambda r, p, d: services.close_cosigning(proposal=p, actor=r.user),
    ),
    "assign": (
        AssignForm,
        True,
        lambda r, p, d: services.assign_proposal(
            proposal=p,
            actor=r.user,
            lead=d["lead"],
            co_units=list(d["co_units"]),
            split_units=list(d["split_units"]),
            expected_state=_seen(r),
        ),
    ),
    "return_reply": (
        ReasonForm,
        False,
        lambda r, p, d: services.return_reply(proposal=p, actor=r.user, reason=d["reason"]),
    ),
    "close": (
        OptionalReasonForm,
        False,
        lambda r, p, d: services.close_proposal(proposal=p, actor=r.user, reason=d["reason"]),
    ),
    "override": (
        OverrideForm,
        False,
        lambda r, p, d: services.override_state(
            proposal=p, target=d["target"], actor=r.user, reason=d["reason"]
        ),
    ),
}


@login_required
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One page per workflow step: the form the table says it needs, then the service."""
    if action == "approve_reply":
        return redirect("proposals:approve", pk)
    if action not in ACTION_PAGES:
        raise Http404
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False)
    step = OVERRIDE if action == "override" else transition(action)
    check_take(request.user, proposal, step)
    form_class, with_committee, call = ACTION_PAGES[action]
    kwargs = {"committee": proposal.committee} if with_committee else {}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            call(request, proposal, form.cleaned_data)
        except services.WorkflowError as error:
            messages.error(request, error.message)
            return redirect("proposals:detail", pk)
        messages.success(request, _("已%(a)s。") % {"a": step.label})
        return redirect("proposals:detail", pk)
    return render(
        request, "proposals/action.html", {"proposal": proposal, "step": step, "form": form}
    )


@login_required
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Office review of the replies waiting: approve each (class and publish mode may change)."""
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False)
    step = transition("approve_reply")
    if not can_take(request.user, proposal, step):
        raise PermissionDenied(_("只有本级政协机关工作人员可以审核答复。"))
    waiting = list(
        Reply.objects.filter(proposal=proposal, state=ReplyState.OFFICE_REVIEW)
        .select_related("unit")
        .prefetch_related("co_opinions__unit")
    )
    if request.method == "POST":
        reply = get_object_or_404(Reply, pk=request.POST.get("reply"), proposal=proposal)
        form = ApproveForm(request.POST, committee=proposal.committee)
        if form.is_valid():
            try:
                services.approve_reply(
                    reply=reply,
                    actor=request.user,
                    result_class=form.cleaned_data["result_class"],
                    publish_mode=form.cleaned_data["publish_mode"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("答复已审核发出。"))
            except services.WorkflowError as error:
                messages.error(request, error.message)
            return redirect("proposals:detail", pk)
    forms_ = [
        (
            r,
            ApproveForm(
                initial={"result_class": r.result_class, "publish_mode": r.publish_mode},
                committee=proposal.committee,
                prefix=None,
            ),
        )
        for r in waiting
    ]
    return render(request, "proposals/approve.html", {"proposal": proposal, "forms": forms_})
