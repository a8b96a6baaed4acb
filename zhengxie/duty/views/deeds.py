"""Practical deeds: the member's form and list, the confirmer's queue, the record page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from zhengxie.core.history import history_context
from zhengxie.core.uploads import serve_upload
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.pagination import paginate
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.workflow.actions import actions_for

from ..forms import DeedForm
from ..models import DeedPhoto
from ..permissions import (
    can_read_deed,
    check_open_deed_queue_permission,
    check_read_deed_permission,
    check_record_deed_permission,
)
from ..selectors.deeds import deed_details, list_confirmable_deeds, list_member_deeds
from ..services.deeds import record_deed
from ..workflow import PRACTICAL_DEED

PER_PAGE = 30


@login_required
def deeds(request: HttpRequest) -> HttpResponse:
    member = check_record_deed_permission(request.user)
    page = paginate(request, list_member_deeds(member=member), PER_PAGE)
    return render(request, "duty/deeds.html", {"page": page, "member": member})


@login_required
def deed_new(request: HttpRequest) -> HttpResponse:
    member = check_record_deed_permission(request.user)
    form = DeedForm(request.POST or None, request.FILES or None, committee_id=member.committee_id)
    if request.method == "POST" and form.is_valid():
        try:
            deed = record_deed(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            message = _("已记录，等待场所召集人或政协机关确认。")
            return redirect_with_success(request, message, deed.get_absolute_url())
    return render(request, "duty/deed_form.html", {"form": form})


@login_required
def deed_queue(request: HttpRequest) -> HttpResponse:
    check_open_deed_queue_permission(request.user)
    page = paginate(request, list_confirmable_deeds(user=request.user), PER_PAGE)
    return render(request, "duty/deed_queue.html", {"page": page})


@login_required
def deed_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deed = get_object_or_404(deed_details(), pk=pk)
    check_read_deed_permission(request.user, deed)
    context = {
        "deed": deed,
        "actions": actions_for(deed, request.user, workflow=PRACTICAL_DEED),
        **history_context(deed),
    }
    return render(request, "duty/deed_detail.html", context)


@login_required
def deed_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """Evidence photos may show residents: only people who may read the deed see them."""
    photo = get_object_or_404(
        DeedPhoto.objects.select_related("deed__member", "deed__venue"), pk=pk
    )
    if not can_read_deed(request.user, photo.deed):
        raise PermissionDenied(_("您无权查看该照片。"))
    return serve_upload(photo.image)
