from .signin import SignInView, password_change, register
from .site import (
    bad_request,
    healthz,
    home,
    inbox,
    inbox_read,
    metrics,
    page_not_found,
    permission_denied,
    readyz,
)

__all__ = [
    "SignInView",
    "bad_request",
    "healthz",
    "home",
    "inbox",
    "inbox_read",
    "metrics",
    "page_not_found",
    "password_change",
    "permission_denied",
    "readyz",
    "register",
]
