"""Roster upload with a progress bar, and the roster download."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..forms.roster import RosterUploadForm
from ..imports import export_roster
from ..models import RosterImport
from ..permissions import check_manage_people_permission, office_committee_ids
from ..selectors import list_recent_imports
from ..services.roster import start_roster_import
from ..web.downloads import XLSX, download
from ..web.scoping import committee_switch, office_committee


@login_required
def roster_upload(request: HttpRequest) -> HttpResponse:
    switch = committee_switch(request, office_committee_ids(request.user))
    committee = switch["committee"]
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = start_roster_import(
            user=request.user,
            committee=committee,
            file_name=upload.name,
            content=upload.read(),
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect("core:roster_import", pk=job.pk)
    context = {
        **switch,
        "form": form,
        "recent": list_recent_imports(committee=committee),
    }
    return render(request, "core/roster_upload.html", context)


def _job(request: HttpRequest, pk: int) -> RosterImport:
    job = get_object_or_404(
        RosterImport.objects.select_related("committee").defer("content"), pk=pk
    )
    check_manage_people_permission(request.user, job.committee_id)
    return job


@login_required
def roster_import(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "core/roster_import.html", {"job": _job(request, pk)})


@login_required
def roster_import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The htmx poll: the progress fragment, which stops polling once the job is finished."""
    return render(request, "core/_roster_progress.html", {"job": _job(request, pk)})


@login_required
def roster_export(request: HttpRequest) -> HttpResponse:
    committee = office_committee(request)
    filename = f"{committee.code}-{_('委员名册')}.xlsx"
    return download(export_roster(committee=committee), filename=filename, content_type=XLSX)
