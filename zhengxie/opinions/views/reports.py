"""The authors' pages and the record page every reader shares."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.history import history_context
from zhengxie.core.models import Committee
from zhengxie.core.permissions import active_seat, is_office, office_committee_ids
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.web.scoping import pick_committee
from zhengxie.core.workflow import OVERRIDE
from zhengxie.core.workflow.actions import actions_for
from zhengxie.core.workflow.forms import step_form
from zhengxie.instructions.selectors import panel_for

from .. import permissions as perms
from .. import selectors, services
from ..forms import EscalationForm, HandOffForm, ReportForm, UpperAdoptionForm
from ..instruction_targets import REPORT
from ..models import OpinionReport, OpinionState
from ..workflow import OPINION_REPORT, progress


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    reports = selectors.list_my_reports(user=request.user)
    return render(request, "opinions/mine.html", {"reports": reports})


def _reporting_committee(request: HttpRequest) -> Committee:
    """Members report to their own committee; office staff file in their office's."""
    member = active_seat(request.user)
    if member is not None:
        return member.committee
    return pick_committee(
        request, office_committee_ids(request.user), refusal=_("您没有可操作的政协。")
    )


@login_required
def new_report(request: HttpRequest) -> HttpResponse:
    committee = _reporting_committee(request)
    perms.check_submit_permission(request.user, committee)
    form = ReportForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(
                committee=committee,
                actor=request.user,
                submit="submit" in request.POST,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request,
                _("已报送。") if report.submitted_at else _("已存为草稿。"),
                "opinions:detail",
                report.pk,
            )
    return render(request, "opinions/form.html", {"form": form, "committee": committee})


def _get_report(pk: int) -> OpinionReport:
    try:
        return selectors.get_report_for_page(pk=pk)
    except OpinionReport.DoesNotExist as missing:
        raise Http404 from missing


@login_required
def edit_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(pk)
    perms.check_edit_report_permission(request.user, report)
    initial = {
        "title": report.title,
        "body": report.body,
        "category": report.category,
        "member_ids": list(report.members.all()),
        "body_kind": report.body_kind,
        "body_name": report.body_name,
    }
    form = ReportForm(request.POST or None, initial=initial, committee=report.committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_report(
                report=report,
                actor=request.user,
                submit="submit" in request.POST,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(request, _("已保存。"), "opinions:detail", report.pk)
    context = {"form": form, "committee": report.committee, "report": report}
    return render(request, "opinions/form.html", context)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(pk)
    perms.check_read_report_permission(request.user, report)
    office = is_office(request.user, report.committee_id)
    context = {
        "report": report,
        "steps": _steps(report, request.user),
        "can_edit": perms.can_edit_report(request.user, report),
        "office": office,
        "follow_up": office and report.state == OpinionState.ADOPTED,
        "escalation_form": EscalationForm(),
        "hand_off_form": HandOffForm(),
        "upper_handling": selectors.list_upper_handling(report=report),
        "upper_form": UpperAdoptionForm(),
        "progress": progress(report.state),
        **history_context(report, shown=office),
        **panel_for(request.user, REPORT, report),
        "answer": selectors.get_answer(report) if report.state == OpinionState.FORWARDED else None,
    }
    return render(request, "opinions/detail.html", context)


def _steps(report: OpinionReport, user) -> list[dict]:
    """The steps the person may take now, read from the engine, each with the fields its
    form asks for, filled in on the page and posted to the engine's act page; the office's
    override is a link to its own form."""
    steps = []
    for link in actions_for(report, user, workflow=OPINION_REPORT):
        form = None
        if link.name != OVERRIDE:
            form = step_form(OPINION_REPORT, OPINION_REPORT.transition(link.name), report)
            form.auto_id = f"{link.name}-%s"
        asks = form is not None and any(not field.is_hidden for field in form)
        steps.append({"link": link, "form": form, "asks": asks})
    return steps


@login_required
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(pk)
    services.discard_draft(report=report, actor=request.user)
    return redirect_with_success(request, _("草稿已删除。"), "opinions:mine")
