"""Accounts: residents register themselves; staff create members' and units' accounts."""

from django.db import transaction

from ..models import Committee, Role, RoleGrant, User


def register_resident(
    *, username: str, password: str, display_name: str, email: str = "", committee: Committee
) -> User:
    """A resident's own account, granted the resident role in the committee whose portal
    they registered on."""
    with transaction.atomic():
        user = User.objects.create_user(
            username=username, password=password, display_name=display_name, email=email
        )
        RoleGrant.objects.create(user=user, committee=committee, role=Role.RESIDENT)
    return user
