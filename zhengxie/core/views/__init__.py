from .site import (
    bad_request,
    healthz,
    home,
    inbox,
    inbox_read,
    page_not_found,
    password_change,
    permission_denied,
    register,
)

__all__ = [
    "bad_request",
    "healthz",
    "home",
    "inbox",
    "inbox_read",
    "page_not_found",
    "password_change",
    "permission_denied",
    "register",
]
