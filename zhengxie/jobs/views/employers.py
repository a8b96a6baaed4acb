"""The employer's side: registration, the employer's page, the workspace (my jobs and the
applications received), posting and correcting a job."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from zhengxie.core.selectors import get_home_committee
from zhengxie.core.uploads import serve_upload
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.workflow import WorkflowError
from zhengxie.core.workflow.actions import actions_for

from ..forms import EmployerForm, JobForm
from ..models import Employer, Job
from ..permissions import can_manage_employer, check_manage_employer_permission
from ..selectors.work import (
    get_owned_job,
    list_employer_jobs,
    list_my_employers,
    list_received_applications,
)
from ..services.employers import register_employer
from ..services.jobs import JobFields, edit_job, submit_job
from ..workflow import EMPLOYER


@login_required
def employer_register(request: HttpRequest) -> HttpResponse:
    committee = get_home_committee()
    if committee is None:
        raise Http404
    form = EmployerForm(request.POST or None, request.FILES or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            employer = register_employer(
                owner=request.user, committee=committee, **form.cleaned_data
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request,
                _("登记成功，机关核验通过后您的岗位即可公开。"),
                "jobs:employer_detail",
                pk=employer.pk,
            )
    return render(request, "jobs/form.html", {"form": form, "title": _("用人单位登记")})


@login_required
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employer = get_object_or_404(Employer.objects.select_related("town", "member"), pk=pk)
    check_manage_employer_permission(request.user, employer)
    return render(
        request,
        "jobs/employer_detail.html",
        {
            "employer": employer,
            "jobs": list_employer_jobs(employer),
            "actions": actions_for(employer, request.user, workflow=EMPLOYER),
        },
    )


@login_required
def employer_licence(request: HttpRequest, pk: int) -> HttpResponse:
    employer = get_object_or_404(Employer, pk=pk)
    check_manage_employer_permission(request.user, employer)
    if not employer.licence:
        raise Http404
    return serve_upload(employer.licence, filename=_("营业执照"))


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    employers = list(list_my_employers(request.user))
    rows = [(employer, list_employer_jobs(employer)) for employer in employers]
    return render(request, "jobs/workspace.html", {"rows": rows})


@login_required
def applications_received(request: HttpRequest) -> HttpResponse:
    job = None
    if request.GET.get("job", "").isdigit():
        job = get_owned_job(request.user, int(request.GET["job"]))
    applications = list_received_applications(request.user, job=job)[:200]
    return render(
        request, "jobs/applications_received.html", {"applications": applications, "job": job}
    )


def _fields(data: dict) -> JobFields:
    return JobFields(**data)


@login_required
def job_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = get_object_or_404(Employer, pk=pk)
    check_manage_employer_permission(request.user, employer)
    form = JobForm(request.POST or None, committee=employer.committee)
    if request.method == "POST" and form.is_valid():
        try:
            job = submit_job(
                actor=request.user, employer=employer, fields=_fields(form.cleaned_data)
            )
        except (ValidationError, PermissionDenied) as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("岗位已提交，审核通过后公开。"), "jobs:job_detail", pk=job.pk
            )
    return render(request, "jobs/form.html", {"form": form, "title": _("发布岗位")})


@login_required
def job_edit(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job.objects.select_related("employer"), pk=pk)
    if not can_manage_employer(request.user, job.employer):
        raise PermissionDenied(_("只有该单位的管理账号可以修改岗位。"))
    initial = {name: getattr(job, name) for name in JobForm.base_fields}
    form = JobForm(request.POST or None, initial=initial, committee=job.employer.committee)
    if request.method == "POST" and form.is_valid():
        try:
            edit_job(actor=request.user, job=job, fields=_fields(form.cleaned_data))
        except (ValidationError, PermissionDenied, WorkflowError) as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(request, _("岗位已保存。"), "jobs:job_detail", pk=job.pk)
    return render(request, "jobs/form.html", {"form": form, "title": _("修改岗位")})
