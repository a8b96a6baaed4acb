"""Signing in by mobile number and password, beside the username sign-in.

What people type into the one "手机号或用户名" box decides: something that looks like a mobile
number is looked up by the account's mobile (the roster keeps it current), anything else by
username in Django's ModelBackend. No username may look like a mobile number (the sign-up and
staff forms refuse one), so a number that moved to another account cannot still sign the old
account in as a username.

django-axes locks a typed log-in from one address after five failures; lockout_username
makes 139 0000 0001, +8613900000001 and 13900000001 one log-in for that count.
"""

from django.contrib.auth.backends import ModelBackend

from .models import User
from .phones import InvalidMobile, looks_like_mobile, normalize_mobile


def mobile_of(typed: object) -> str:
    """The 11 digits when the log-in typed is a mobile number, else ""."""
    if not looks_like_mobile(typed):
        return ""
    try:
        return normalize_mobile(typed)
    except InvalidMobile:
        return ""


class MobilePasswordBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        mobile = mobile_of(username) if username and password else ""
        if not mobile:
            return None
        user = User._default_manager.filter(mobile=mobile).first()
        if user is None:
            # As ModelBackend does: hash anyway, so the time taken tells no one the number
            # has no account.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_username(request, credentials: dict | None = None) -> str | None:
    """The log-in django-axes counts failures against (AXES_USERNAME_CALLABLE)."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = getattr(request, "data", request.POST).get("username")
    return mobile_of(typed) or typed
