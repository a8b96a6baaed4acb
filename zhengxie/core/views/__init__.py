from .site import (
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
    "healthz",
    "home",
    "inbox",
    "inbox_read",
    "page_not_found",
    "password_change",
    "permission_denied",
    "register",
]
