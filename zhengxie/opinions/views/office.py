"""The information office's pages: the intake queue, the bulletin, the follow-up records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.web.downloads import DOCX, download
from zhengxie.core.web.errors import show_as_messages, show_form_errors_as_messages, show_on_form
from zhengxie.core.web.pagination import paginate
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.web.scoping import office_committee
from zhengxie.instructions.selectors import panel_for

from .. import permissions as perms
from .. import selectors, services
from ..exports import bulletin_docx
from ..forms import (
    BulletinForm,
    EscalationForm,
    HandOffForm,
    QueueFilterForm,
    UpperAdoptionForm,
)
from ..instruction_targets import BULLETIN
from ..models import BulletinIssue, Escalation, OpinionReport

# The queue is read a page at a time; a year's reports (hundreds) were one page before.
QUEUE_PAGE_SIZE = 50


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    committee = office_committee(request)
    filters = QueueFilterForm(request.GET or None)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    reports = selectors.list_queue(
        user=request.user,
        committee_ids=[committee.pk],
        state=wanted.get("state", ""),
        category=wanted.get("category", ""),
        year=wanted.get("year"),
        query=wanted.get("q", ""),
        source=wanted.get("source", ""),
    )
    year = wanted.get("year") or selectors.default_year(committee_ids=[committee.pk])
    context = {
        "committee": committee,
        "filters": filters,
        "page": paginate(request, reports, QUEUE_PAGE_SIZE),
        "figures": selectors.figures_in_detail(committee_ids=[committee.pk], year=year),
        "year": year,
    }
    return render(request, "opinions/queue.html", context)


@login_required
def bulletins(request: HttpRequest) -> HttpResponse:
    """The issues so far and the builder: pick adopted reports, number a new issue."""
    committee = office_committee(request)
    candidates = list(selectors.list_bulletin_candidates(committee_id=committee.pk))
    form = BulletinForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.compose_bulletin(
                committee=committee, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("已编发%(issue)s。") % {"issue": issue}, "opinions:bulletin", issue.pk
            )
    context = {
        "committee": committee,
        "form": form,
        "candidates": candidates,
        "issues": selectors.list_bulletins(committee_ids=[committee.pk])[:100],
    }
    return render(request, "opinions/bulletins.html", context)


def _get_issue(request: HttpRequest, pk: int) -> BulletinIssue:
    try:
        issue = selectors.get_bulletin_for_page(pk=pk)
    except BulletinIssue.DoesNotExist as missing:
        raise Http404 from missing
    perms.check_read_bulletins_permission(request.user, issue.committee_id)
    return issue


@login_required
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _get_issue(request, pk)
    context = {"issue": issue, **panel_for(request.user, BULLETIN, issue)}
    return render(request, "opinions/bulletin.html", context)


@login_required
def bulletin_download(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _get_issue(request, pk)
    filename = f"社情民意{issue.year}年第{issue.number}期.docx"
    return download(bulletin_docx(issue), filename=filename, content_type=DOCX)


def _follow_up(request: HttpRequest, report: OpinionReport, form, call) -> HttpResponse:
    """Escalation forms post here and come back to the record page. Who may
    not follow the report up is refused before the form is read."""
    perms.check_follow_up_permission(request.user, report)
    if not form.is_valid():
        show_form_errors_as_messages(request, form)
        return redirect("opinions:detail", report.pk)
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("已登记。"))
    return redirect("opinions:detail", report.pk)


@login_required
@require_POST
def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(OpinionReport, pk=pk, is_deleted=False)
    return _follow_up(
        request,
        report,
        EscalationForm(request.POST),
        lambda data: services.escalate_report(report=report, actor=request.user, **data),
    )


@login_required
@require_POST
def hand_off(request: HttpRequest, pk: int) -> HttpResponse:
    """逐级报送: the adopted report goes to the committee above on the platform."""
    report = get_object_or_404(OpinionReport, pk=pk, is_deleted=False)
    return _follow_up(
        request,
        report,
        HandOffForm(request.POST),
        lambda data: services.hand_off_report(report=report, actor=request.user, **data),
    )


@login_required
@require_POST
def upper_adoption(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = get_object_or_404(Escalation.objects.select_related("report"), pk=pk)
    return _follow_up(
        request,
        escalation.report,
        UpperAdoptionForm(request.POST),
        lambda data: services.record_upper_adoption(
            escalation=escalation, actor=request.user, **data
        ),
    )
