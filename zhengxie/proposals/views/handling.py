"""Handling pages: a unit's reply, contact, co-opinion and reassignment request; proposers'
ratings; key proposals and their supervision."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from zhengxie.core.permissions import is_office, unit_ids_of
from zhengxie.core.web.errors import show_as_messages
from zhengxie.core.web.redirects import redirect_with_success

from .. import services
from ..forms import (
    ContactRecordForm,
    CoOpinionForm,
    KeySelectForm,
    RateForm,
    ReassignRequestForm,
    ReplyForm,
    SupervisionLogForm,
)
from ..models import Proposal, Reply, ReplyState
from ..permissions import (
    answering_unit_ids,
    awaits_rating,
    check_office_of,
    check_read_proposal,
    handling_unit_ids,
    raters_of,
)
from ..selectors.record import can_supervise


def _form_page(
    request: HttpRequest, proposal: Proposal, form, title: str, call: Callable[[dict], object]
) -> HttpResponse:
    """Render the form; on a valid POST call the service and go back to the record."""
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except services.WorkflowError as error:
            show_as_messages(request, error)
            return render(
                request, "proposals/form.html", {"proposal": proposal, "form": form, "title": title}
            )
        return redirect_with_success(request, _("已保存。"), "proposals:detail", proposal.pk)
    return render(
        request, "proposals/form.html", {"proposal": proposal, "form": form, "title": title}
    )


def _proposal(pk: int) -> Proposal:
    return get_object_or_404(Proposal.objects.select_related("committee"), pk=pk, is_deleted=False)


def _own_assignment(request: HttpRequest, proposal: Proposal):
    assignment = proposal.assignments.filter(
        is_active=True, unit_id__in=unit_ids_of(request.user)
    ).first()
    if assignment is None:
        raise PermissionDenied(_("只有承办该提案的单位可以操作。"))
    return assignment


@login_required
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    if not answering_unit_ids(request.user, proposal):
        raise PermissionDenied(_("只有主办或分办单位可以答复。"))
    current = Reply.objects.filter(
        proposal=proposal, round=proposal.redo_round, unit_id__in=unit_ids_of(request.user)
    ).first()
    initial = {
        f: getattr(current, f) for f in ReplyForm.base_fields if current and hasattr(current, f)
    }
    form = ReplyForm(request.POST or None, initial=initial, committee=proposal.committee)

    def call(data: dict) -> None:
        send = data.pop("send")
        saved = services.draft_reply(proposal=proposal, actor=request.user, **data)
        if send:
            services.send_reply(reply=saved, actor=request.user)

    return _form_page(request, proposal, form, _("拟写答复"), call)


@login_required
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    _own_assignment(request, proposal)
    form = ContactRecordForm(request.POST or None)
    return _form_page(
        request,
        proposal,
        form,
        _("记录办前沟通"),
        lambda d: services.record_contact(proposal=proposal, actor=request.user, **d),
    )


@login_required
def co_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    if not handling_unit_ids(request.user, proposal):
        raise PermissionDenied(_("只有会办单位可以提出会办意见。"))
    draft = get_object_or_404(Reply, proposal=proposal, state=ReplyState.CO_REVIEW)
    form = CoOpinionForm(request.POST or None)
    return _form_page(
        request,
        proposal,
        form,
        _("会办意见"),
        lambda d: services.add_co_opinion(reply=draft, actor=request.user, **d),
    )


@login_required
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    assignment = _own_assignment(request, proposal)
    form = ReassignRequestForm(request.POST or None, committee=proposal.committee)
    return _form_page(
        request,
        proposal,
        form,
        _("申请调整承办单位"),
        lambda d: services.request_reassignment(assignment=assignment, actor=request.user, **d),
    )


@login_required
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    """A proposer rates the round; the office enters a proposer's paper rating."""
    proposal = _proposal(pk)
    check_read_proposal(request.user, proposal)
    paper = not awaits_rating(request.user, proposal) and is_office(
        request.user, proposal.committee_id
    )
    raters = raters_of(proposal).exclude(feedbacks__round=proposal.redo_round) if paper else None
    form = RateForm(request.POST or None, raters=raters)
    return _form_page(
        request,
        proposal,
        form,
        _("评价办理结果"),
        lambda d: services.rate_reply(proposal=proposal, actor=request.user, **d),
    )


@login_required
def key_select(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    check_office_of(request.user, proposal)
    form = KeySelectForm(request.POST or None, committee=proposal.committee)
    return _form_page(
        request,
        proposal,
        form,
        _("确定为重点提案"),
        lambda d: services.select_key_proposal(proposal=proposal, actor=request.user, **d),
    )


@login_required
def supervise(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    if not can_supervise(request.user, proposal):
        raise PermissionDenied(_("只有督办领导或机关工作人员可以记录督办情况。"))
    form = SupervisionLogForm(request.POST or None)
    return _form_page(
        request,
        proposal,
        form,
        _("记录督办情况"),
        lambda d: services.log_supervision(key=proposal.key, actor=request.user, **d),
    )
