"""The office's bulk notices: compose, then watch them go out."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ..forms.bulk_notices import BulkNoticeForm
from ..models import BulkNotice
from ..permissions import check_office, office_committee_ids
from ..selectors import get_bulk_notice_progress, list_bulk_notices
from ..services.bulk_notices import audience_choices, compose_bulk_notice
from ..web.errors import show_on_form
from ..web.scoping import committee_switch


@login_required
def bulk_notice_list(request: HttpRequest) -> HttpResponse:
    switch = committee_switch(request, office_committee_ids(request.user))
    committee = switch["committee"]
    form = BulkNoticeForm(request.POST or None, audiences=audience_choices(committee))
    if request.method == "POST" and form.is_valid():
        audience, audience_id = form.audience()
        try:
            notice = compose_bulk_notice(
                staff=request.user,
                committee=committee,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                url=form.cleaned_data["url"],
                audience=audience,
                audience_id=audience_id,
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect("core:bulk_notice_detail", pk=notice.pk)
    context = {**switch, "form": form, "notices": list_bulk_notices(committee=committee)}
    return render(request, "core/bulk_notice_list.html", context)


def _notice(request: HttpRequest, pk: int) -> BulkNotice:
    notice = get_object_or_404(BulkNotice.objects.select_related("committee"), pk=pk)
    check_office(request.user, notice.committee_id)
    return notice


def _progress(request: HttpRequest, pk: int, template: str) -> HttpResponse:
    notice = _notice(request, pk)
    context = {"notice": notice, "channels": get_bulk_notice_progress(notice)}
    return render(request, template, context)


@login_required
def bulk_notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _progress(request, pk, "core/bulk_notice_detail.html")


@login_required
def bulk_notice_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The htmx poll: the progress fragment, which stops polling once the notice is done."""
    return _progress(request, pk, "core/_bulk_notice_progress.html")
