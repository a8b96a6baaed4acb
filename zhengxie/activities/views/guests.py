"""Guests and cadres at an activity: the office adds them, signs them in, strikes them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.web.errors import show_as_messages, show_form_errors_as_messages

from ..forms import GuestForm
from ..models import Activity, Guest
from ..permissions import check_manage_activity_permission
from ..services import guests as guest_services


def _back(pk: int) -> HttpResponse:
    return redirect("activities:detail", pk)


@login_required
@require_POST
def add_guest(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("committee"), pk=pk)
    check_manage_activity_permission(request.user, activity.committee_id)
    form = GuestForm(request.POST, committee_id=activity.committee_id)
    if not form.is_valid():
        show_form_errors_as_messages(request, form)
        return _back(pk)
    try:
        guest = guest_services.add_guest(actor=request.user, activity=activity, **form.cleaned_data)
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("已添加特邀人员 %(n)s。") % {"n": guest.name})
    return _back(pk)


def _act(request: HttpRequest, guest_pk: int, service, done: str) -> HttpResponse:
    guest = get_object_or_404(Guest.objects.select_related("activity"), pk=guest_pk)
    check_manage_activity_permission(request.user, guest.committee_id)
    try:
        service(actor=request.user, guest=guest)
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, done % {"n": guest.name})
    return _back(guest.activity_id)


@login_required
@require_POST
def sign_in_guest(request: HttpRequest, guest_pk: int) -> HttpResponse:
    return _act(request, guest_pk, guest_services.sign_in_guest, _("%(n)s 已签到。"))


@login_required
@require_POST
def cancel_guest(request: HttpRequest, guest_pk: int) -> HttpResponse:
    return _act(request, guest_pk, guest_services.cancel_guest, _("已撤销 %(n)s。"))
