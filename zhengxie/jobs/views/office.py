"""The office's queues: employers to verify, jobs to review, reports to handle. Each row
carries the workflow's buttons; the steps are taken on core's act page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhengxie.core.web.scoping import office_committee
from zhengxie.core.workflow.actions import actions_for

from ..forms import EmployerImportForm
from ..imports import EmployerFileError, import_employers
from ..permissions import check_open_queues_permission
from ..selectors.work import list_open_reports, list_pending_employers, list_pending_jobs
from ..workflow import EMPLOYER, JOB, JOB_REPORT

MAX_IMPORT_BYTES = 5_000_000


def _rows(records, workflow, user) -> list:
    return [(r, actions_for(r, user, workflow=workflow, with_override=False)) for r in records]


@login_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    check_open_queues_permission(request.user)
    rows = _rows(list_pending_employers(request.user), EMPLOYER, request.user)
    return render(request, "jobs/verification_queue.html", {"rows": rows})


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    check_open_queues_permission(request.user)
    rows = _rows(list_pending_jobs(request.user), JOB, request.user)
    return render(request, "jobs/review_queue.html", {"rows": rows})


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    check_open_queues_permission(request.user)
    rows = _rows(list_open_reports(request.user), JOB_REPORT, request.user)
    return render(request, "jobs/moderation.html", {"rows": rows})


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """The upload door to the same import as `manage.py import_employers`; all or nothing."""
    committee = office_committee(request)
    form = EmployerImportForm(request.POST or None, request.FILES or None)
    result, file_error = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            file_error = _("文件：超过 5 MB。")
        else:
            try:
                result = import_employers(
                    committee=committee, content=upload.read(), actor=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )  # fmt: skip
            except EmployerFileError as error:
                file_error = str(error)
    context = {"form": form, "result": result, "file_error": file_error, "committee": committee}
    return render(request, "jobs/import.html", context)
