"""The doors into the platform: signing in, a resident's registration, the first password.

Each door a script could hammer counts per client address (core.throttle). Signing in is
also guarded by django-axes, which locks one account from one address; the throttle here is
the other half, one address trying many accounts.
"""

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..challenge import ask, take_answer
from ..forms import NewPasswordChangeForm, ResidentRegistrationForm
from ..forms.phone import FirstPasswordForm, SignInForm
from ..selectors import get_home_committee
from ..services.accounts import register_resident
from ..services.activation import set_own_password
from ..services.signin import SIGN_IN_FAILURES_PER_ADDRESS
from ..throttle import Throttle, client_address

# A committee office signs in from one NAT address: its staff's typos stay far below the
# limit of SIGN_IN_FAILURES_PER_ADDRESS, while a script spraying passwords over many accounts
# meets it within minutes. A plenary venue puts hundreds of members behind one address:
# operations raise it there (settings). Wrong SMS and letter codes count against it too.
# A family shares an address and registers a few accounts; a script registers hundreds.
REGISTRATIONS_PER_ADDRESS = Throttle("registrations", limit=5, window=60 * 60)


class SignInView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = SignInForm

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if SIGN_IN_FAILURES_PER_ADDRESS.is_exhausted(client_address(request)):
            return render(request, "core/lockout.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form) -> HttpResponse:
        SIGN_IN_FAILURES_PER_ADDRESS.record(client_address(self.request))
        return super().form_invalid(form)


def register(request: HttpRequest) -> HttpResponse:
    address = client_address(request)
    if request.method == "POST" and REGISTRATIONS_PER_ADDRESS.is_exhausted(address):
        return render(request, "core/register.html", {"throttled": True}, status=429)
    expected = take_answer(request.session) if request.method == "POST" else None
    form = ResidentRegistrationForm(
        request.POST or None, expected_answer=expected, question=ask(request.session)
    )
    if request.method == "POST":
        REGISTRATIONS_PER_ADDRESS.record(address)
        if form.is_valid():
            return _welcome(request, form)
    return render(request, "core/register.html", {"form": form})


def _welcome(request: HttpRequest, form: ResidentRegistrationForm) -> HttpResponse:
    try:
        user = register_resident(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
            email=form.cleaned_data["email"],
            committee=get_home_committee(),
        )
    except ValidationError as taken_meanwhile:
        form.add_error(None, taken_meanwhile)
        return render(request, "core/register.html", {"form": form})
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("注册成功，欢迎您！"))
    return redirect("core:home")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Changing one's password; a person who has none yet (signed in by SMS code) sets one
    without being asked for an old one. Either way the account counts as activated."""
    user = request.user
    form_class = NewPasswordChangeForm if user.has_usable_password() else FirstPasswordForm
    form = form_class(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        set_own_password(user=user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("密码已修改。"))
        return redirect("core:home")
    return render(request, "core/password_change.html", {"form": form})
