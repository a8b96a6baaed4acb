"""设备: the person's app sign-ins (core.services.api_tokens), each with a button to sign it
out, and one to sign out every device and web session."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..selectors import list_devices
from ..services.api_tokens import revoke_token
from ..web.redirects import redirect_with_success


@login_required
def devices(request: HttpRequest) -> HttpResponse:
    return render(request, "core/devices.html", {"devices": list_devices(user=request.user)})


@login_required
@require_POST
def device_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if not revoke_token(user=request.user, token_id=pk):
        raise Http404
    return redirect_with_success(request, _("该设备已退出登录。"), "core:devices")
