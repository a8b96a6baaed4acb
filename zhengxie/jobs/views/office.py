"""The office's queues: employers to verify, jobs to review, reports to handle. Each row
carries the workflow's buttons; the steps are taken on core's act page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhengxie.core.workflow.actions import actions_for

from ..permissions import check_open_queues_permission
from ..selectors.work import list_open_reports, list_pending_employers, list_pending_jobs
from ..workflow import EMPLOYER, JOB, JOB_REPORT


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
