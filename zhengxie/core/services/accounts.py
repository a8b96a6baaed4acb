"""Accounts: residents register themselves; staff create members' and units' accounts."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import ApiToken, Committee, HandlingUnit, Member, Role, RoleGrant, User
from ..permissions import check_grant_role_permission

# A taken name and a reserved one read the same, so sign-up tells nobody who has an account.
USERNAME_UNAVAILABLE = gettext_lazy("该用户名不可用，请换一个。")


def register_resident(
    *, username: str, password: str, display_name: str, email: str = "", committee: Committee
) -> User:
    """A resident's own account, granted the resident role in the committee whose portal
    they registered on. Two people racing for one name: the second is told it is taken."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=username, password=password, display_name=display_name, email=email
            )
            RoleGrant.objects.create(user=user, committee=committee, role=Role.RESIDENT)
    except IntegrityError as race:
        raise ValidationError({"username": USERNAME_UNAVAILABLE}, code="unavailable") from race
    return user


def _new_account(*, username: str, display_name: str, mobile: str = "") -> tuple[User, str]:
    """A staff-made account starts with a random password the person must change."""
    password = get_random_string(12, allowed_chars="abcdefghjkmnpqrstuvwxyz23456789")
    user = User.objects.create_user(
        username=username,
        password=password,
        display_name=display_name,
        mobile=mobile,
        must_change_password=True,
    )
    return user, password


def create_member_account(*, staff: User, member: Member, username: str) -> tuple[User, str]:
    """Locks the member; links the new account to it and grants the member role."""
    check_grant_role_permission(staff, member.committee_id, Role.MEMBER)
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if locked.user_id:
            raise ValidationError(_("该委员已有账号。"))
        if locked.mobile and User.objects.filter(mobile=locked.mobile).exists():
            raise ValidationError(_("该委员的手机号码已是其他账号的登录手机号。"))
        user, password = _new_account(
            username=username, display_name=locked.name, mobile=locked.mobile
        )
        RoleGrant.objects.create(user=user, committee_id=locked.committee_id, role=Role.MEMBER)
        locked.user = user
        locked.save(update_fields=["user"])
    return user, password


def create_unit_account(
    *, staff: User, unit: HandlingUnit, username: str, display_name: str
) -> tuple[User, str]:
    """A handling unit's liaison (联络员), who answers the proposals assigned to the unit."""
    check_grant_role_permission(staff, unit.committee_id, Role.UNIT)
    with transaction.atomic():
        user, password = _new_account(username=username, display_name=display_name)
        RoleGrant.objects.create(
            user=user, committee_id=unit.committee_id, role=Role.UNIT, handling_unit=unit
        )
    return user, password


def grant_role(*, staff: User, user: User, committee: Committee, role: str, **details) -> RoleGrant:
    """Idempotent: granting a role the person holds updates its details."""
    check_grant_role_permission(staff, committee, role)
    if role == Role.UNIT and not details.get("handling_unit"):
        raise ValidationError(_("承办单位联络员须选择所属承办单位。"))
    with transaction.atomic():
        grant, _created = RoleGrant.objects.update_or_create(
            user=user, committee=committee, role=role, defaults=details
        )
    return grant


def revoke_role(*, staff: User, grant: RoleGrant) -> None:
    """The grant row goes; its history keeps who held the role until when."""
    check_grant_role_permission(staff, grant.committee_id, grant.role)
    if grant.user_id == staff.pk and grant.role in {Role.STAFF, Role.ADMIN}:
        raise ValidationError(_("不能撤销自己的管理角色。"))
    with transaction.atomic():
        RoleGrant.objects.filter(pk=grant.pk).delete()


def end_sessions(*, user: User) -> None:
    """Signs the person out of every session and every app: a new session salt makes the hash
    each session carries stale, and Django flushes a stale session at its next request; the
    app's tokens are revoked. Plain updates, because the salt is kept out of history and a
    save would add an empty history row."""
    user.session_salt = get_random_string(32)
    User.objects.filter(pk=user.pk).update(session_salt=user.session_salt)
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
