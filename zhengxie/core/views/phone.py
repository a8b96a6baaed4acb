"""The phone doors: sign in by SMS code, reset a password by SMS code, activate an account with
the code of its letter, and add a number to one's own account.

Each page works without script at 375 px: "获取验证码" posts the number (action=send) and the
page comes back with the number kept and the code box waiting; the other button uses the code.
Every limit (resend interval, tries, throttles) lives in the services.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..forms.phone import ActivationForm, SmsCodeForm, SmsResetForm
from ..models import CodePurpose
from ..phones import mask_mobile
from ..services.activation import activate_with_letter_code
from ..services.signin import (
    CODE_MINUTES,
    bind_mobile,
    check_sms_code,
    request_sms_code,
    reset_password_with_sms_code,
)
from ..throttle import client_address
from ..web.errors import show_on_form
from ..web.redirects import redirect_with_success

# Sessions made here carry the model backend: the person proved the number, not a password.
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else ""


def _send(request: HttpRequest, form: SmsCodeForm, purpose: str) -> None:
    sent = request_sms_code(
        mobile=form.cleaned_data["mobile"],
        purpose=purpose,
        address=client_address(request),
        user=request.user,
    )
    messages.info(
        request,
        _("验证码已发送至 %(mobile)s，%(minutes)d 分钟内有效。如未收到，请确认该号码已在政协登记。")
        % {"mobile": mask_mobile(sent.phone), "minutes": CODE_MINUTES},
    )


def _page(request: HttpRequest, template: str, form, **context) -> HttpResponse:
    status = 429 if any(e.code == "throttled" for e in form.non_field_errors().as_data()) else 200
    return render(request, template, {"form": form, **context}, status=status)


def sms_login(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    form = SmsCodeForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            if form.sending:
                _send(request, form, CodePurpose.SIGN_IN)
            else:
                user = check_sms_code(
                    mobile=form.cleaned_data["mobile"],
                    code=form.cleaned_data["code"],
                    purpose=CodePurpose.SIGN_IN,
                    address=client_address(request),
                )
                login(request, user, backend=BACKEND)
                return redirect(_next_url(request) or "core:home")
        except ValidationError as error:
            show_on_form(form, error)
    return _page(request, "core/sms_login.html", form, next=_next_url(request))


def password_reset(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    form = SmsResetForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            if form.sending:
                _send(request, form, CodePurpose.RESET)
            else:
                user = reset_password_with_sms_code(
                    mobile=form.cleaned_data["mobile"],
                    code=form.cleaned_data["code"],
                    password=form.cleaned_data["new_password1"],
                    address=client_address(request),
                )
                login(request, user, backend=BACKEND)
                return redirect_with_success(
                    request, _("密码已重设，其他设备上的登录已退出。"), "core:home"
                )
        except ValidationError as error:
            show_on_form(form, error)
    return _page(request, "core/password_reset.html", form)


def activate(request: HttpRequest, code: str = "") -> HttpResponse:
    """The account letter's page; its QR code opens it with the activation code filled in."""
    form = ActivationForm(request.POST or None, initial={"code": code})
    if request.method == "POST" and form.is_valid():
        try:
            user = activate_with_letter_code(
                mobile=form.cleaned_data["mobile"],
                code=form.cleaned_data["code"],
                password=form.cleaned_data["new_password1"],
                address=client_address(request),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            login(request, user, backend=BACKEND)
            return redirect_with_success(
                request, _("账号已激活，欢迎您！今后可用手机号和密码登录。"), "core:home"
            )
    return _page(request, "core/activate.html", form)


@login_required
def mobile_bind(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    form = SmsCodeForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            if form.sending:
                _send(request, form, CodePurpose.BIND)
            else:
                bind_mobile(
                    user=request.user,
                    mobile=form.cleaned_data["mobile"],
                    code=form.cleaned_data["code"],
                    address=client_address(request),
                )
                return redirect_with_success(
                    request, _("手机号已绑定，今后可用它登录。"), "core:home"
                )
        except ValidationError as error:
            show_on_form(form, error)
    return _page(request, "core/mobile_bind.html", form)
