"""The public side and the seeker's: search, the job page, reporting, the résumé, applying in
two taps (the job, then 一键投递), one's applications, withdrawing and deleting one's data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.selectors import get_home_committee
from zhengxie.core.throttle import Throttled, client_address
from zhengxie.core.web.errors import show_as_messages, show_on_form
from zhengxie.core.web.redirects import redirect_to, redirect_with_success
from zhengxie.core.workflow.actions import actions_for

from ..forms import ReportForm, ResumeForm, SearchForm
from ..models import Application, Job, Resume
from ..permissions import can_manage_employer, can_read_job, check_read_application_permission
from ..selectors.search import JobQuery, search_jobs
from ..selectors.talent import list_my_invitations
from ..selectors.work import list_my_applications
from ..services.reports import report_job
from ..services.seekers import apply_to_job, delete_my_data, open_application, save_resume
from ..workflow import APPLICATION, JOB


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, committee=get_home_committee())
    query = JobQuery()
    if form.is_valid():
        data = form.cleaned_data
        query = JobQuery(
            text=data["q"],
            town_id=data["town"].pk if data["town"] else None,
            category_id=data["category"].pk if data["category"] else None,
            pay_at_least=data["pay_at_least"],
            posted_within_days=data["days"],
            after=data["after"],
        )
    page = search_jobs(query)
    more = request.GET.copy()
    more["after"] = page.next_cursor
    return render(
        request,
        "jobs/search.html",
        {"form": form, "page": page, "next_query": more.urlencode() if page.next_cursor else ""},
    )


def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job.objects.select_related("employer", "town", "category"), pk=pk)
    if not can_read_job(request.user, job):
        raise Http404
    user = request.user
    applied = (
        user.is_authenticated
        and Application.objects.filter(job=job, seeker=user).exclude(state="withdrawn").exists()
    )
    return render(
        request,
        "jobs/job_detail.html",
        {
            "job": job,
            "expired": job.is_expired(timezone.localdate()),
            "manages": can_manage_employer(user, job.employer),
            "actions": actions_for(job, user, workflow=JOB),
            "has_resume": user.is_authenticated and Resume.objects.filter(user=user).exists(),
            "applied": applied,
            "report_form": ReportForm(),
        },
    )


@require_POST
def job_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Guests report too: no account, an optional contact, a limit per address."""
    job = get_object_or_404(Job, pk=pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        show_as_messages(request, ValidationError(_("请填写举报理由。")))
        return redirect_to("jobs:job_detail", pk=pk)
    try:
        report_job(
            reporter=request.user, job=job, reason=form.cleaned_data["reason"],
            contact=form.cleaned_data["contact"], address=client_address(request),
        )  # fmt: skip
    except Throttled as error:
        messages.error(request, error.message)
        response = job_detail(request, pk)
        response.status_code = 429
        return response
    except ValidationError as error:
        show_as_messages(request, error)
        return redirect_to("jobs:job_detail", pk=pk)
    return redirect_with_success(
        request, _("举报已收到，我们会尽快核实。"), "jobs:job_detail", pk=pk
    )


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job.objects.select_related("employer"), pk=pk)
    try:
        apply_to_job(seeker=request.user, job=job)
    except ValidationError as error:
        show_as_messages(request, error)
        if not Resume.objects.filter(user=request.user).exists():
            return redirect_to("jobs:resume", query={"next": job.pk})
        return redirect_to("jobs:job_detail", pk=pk)
    return redirect_with_success(request, _("已投递，请留意消息。"), "jobs:my_applications")


@login_required
def resume(request: HttpRequest) -> HttpResponse:
    current = Resume.objects.filter(user=request.user).first()
    form = ResumeForm(
        request.POST or None,
        instance=current,
        committee=get_home_committee(),
        initial={"mobile": request.user.mobile} if current is None else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_resume(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            next_job = request.GET.get("next", "")
            if next_job.isdigit():
                return redirect_with_success(
                    request,
                    _("简历已保存，点“一键投递”即可投递。"),
                    "jobs:job_detail",
                    pk=int(next_job),
                )
            return redirect_with_success(request, _("简历已保存。"), "jobs:resume")
    return render(request, "jobs/resume.html", {"form": form, "resume": current})


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = list_my_applications(request.user)[:200]
    invitations = list_my_invitations(request.user).order_by("-created_at", "-pk")[:50]
    return render(
        request,
        "jobs/my_applications.html",
        {"applications": applications, "invitations": invitations},
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("job__employer", "resume"), pk=pk
    )
    check_read_application_permission(request.user, application)
    application = open_application(actor=request.user, application=application)
    return render(
        request,
        "jobs/application_detail.html",
        {
            "application": application,
            "is_seeker": application.seeker_id == request.user.pk,
            "actions": actions_for(
                application, request.user, workflow=APPLICATION, with_override=False
            ),
        },
    )


@login_required
def delete_data(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            withdrawn = delete_my_data(user=request.user)
        except PermissionDenied as error:
            show_as_messages(request, error)
        else:
            return redirect_with_success(
                request,
                _("您的简历已删除，%(n)s 份投递已撤回。") % {"n": withdrawn},
                "jobs:my_applications",
            )
    return render(request, "jobs/delete_data.html")
