"""Accounts: residents register themselves; staff create members' and units' accounts."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import ApiToken, Committee, HandlingUnit, Member, Role, RoleGrant, User
from ..permissions import check_grant_role_permission
from ..phones import clean_mobile
from .member_accounts import refuse_taken_mobile

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


# Members come from the roster and the member pages (their account keyed by the seat's
# mobile), residents register themselves on the portal: the office makes neither directly.
NOT_MADE_BY_THE_OFFICE = {Role.MEMBER, Role.RESIDENT}


def _new_account(
    *,
    staff: User | None,
    username: str,
    display_name: str,
    mobile: str = "",
    password_hash: str | None = None,
) -> tuple[User, str | None]:
    """A staff-made account starts with a random password the person must change. One moved
    over with its password hash (from the committee's old system; the demo's shared password)
    keeps it: its holder knows the password, so the account counts as activated and returns
    no password to show."""
    user = User(
        username=User.normalize_username(username),
        display_name=display_name,
        mobile=mobile,
        must_change_password=password_hash is None,
        activated_at=None if password_hash is None else timezone.now(),
    )
    password = None
    if password_hash is None:
        password = get_random_string(12, allowed_chars="abcdefghjkmnpqrstuvwxyz23456789")
        user.set_password(password)
    else:
        user.password = password_hash
    user._history_user = staff
    user.save()
    return user, password


def _check_role_details(role: str, details: dict) -> None:
    """What a role needs besides the person: a unit liaison, the unit."""
    if role == Role.UNIT and not details.get("handling_unit"):
        raise ValidationError({"handling_unit": _("承办单位联络员须选择所属承办单位。")})


def _grant(*, staff: User | None, user: User, committee, role: str, details: dict) -> RoleGrant:
    """The role, or its new details when the person holds it already, in history as given by
    `staff` (a request's history names its user anyway; the demo and commands have none)."""
    grant = (
        RoleGrant.objects.select_for_update()
        .filter(user=user, committee=committee, role=role)
        .first()
    )
    if grant is None:
        grant = RoleGrant(user=user, committee_id=getattr(committee, "pk", committee), role=role)
    for name, value in details.items():
        RoleGrant._meta.get_field(name)  # a misspelt detail fails, as in update_or_create
        setattr(grant, name, value)
    grant._history_user = staff
    grant.save()
    return grant


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
            staff=staff, username=username, display_name=locked.name, mobile=locked.mobile
        )
        RoleGrant.objects.create(user=user, committee_id=locked.committee_id, role=Role.MEMBER)
        locked.user = user
        locked.save(update_fields=["user"])
    return user, password


def create_account(
    *,
    staff: User,
    committee: Committee,
    role: str,
    username: str,
    display_name: str,
    mobile: str = "",
    password_hash: str | None = None,
    **details,
) -> tuple[User, str | None]:
    """A new person's account holding one role in the committee: an office colleague, a
    leader, a unit's liaison, a venue's convenor. Only a role the staff may grant there; the
    details as grant_role takes them. Returns the account and its initial password, which the
    person must change at first login; None with `password_hash` (see _new_account)."""
    check_grant_role_permission(staff, committee, role)
    if role in NOT_MADE_BY_THE_OFFICE:
        raise ValidationError(
            {"role": _("委员的账号由委员名册开通，群众在门户网站自行注册，不在此新建。")}
        )
    _check_role_details(role, details)
    mobile = _free_login(username, mobile)
    try:
        with transaction.atomic():
            user, password = _new_account(
                staff=staff,
                username=username,
                display_name=display_name,
                mobile=mobile,
                password_hash=password_hash,
            )
            _grant(staff=staff, user=user, committee=committee, role=role, details=details)
    except IntegrityError as race:
        # Another request took the name or the number in between: the same refusal.
        _free_login(username, mobile)
        raise ValidationError({"username": USERNAME_UNAVAILABLE}, code="unavailable") from race
    return user, password


def _free_login(username: str, mobile: str) -> str:
    """The cleaned mobile when neither the username nor the number signs in another account;
    otherwise a ValidationError naming each field that is taken or wrong."""
    errors = {}
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = [USERNAME_UNAVAILABLE]
    if mobile:
        try:
            mobile = clean_mobile(mobile)
            refuse_taken_mobile(mobile)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return mobile


def create_unit_account(
    *, staff: User, unit: HandlingUnit, username: str, display_name: str
) -> tuple[User, str]:
    """A handling unit's liaison (联络员), who answers the proposals assigned to the unit."""
    return create_account(
        staff=staff,
        committee=unit.committee,
        role=Role.UNIT,
        username=username,
        display_name=display_name,
        handling_unit=unit,
    )


def grant_role(*, staff: User, user: User, committee: Committee, role: str, **details) -> RoleGrant:
    """Idempotent: granting a role the person holds updates its details."""
    check_grant_role_permission(staff, committee, role)
    _check_role_details(role, details)
    with transaction.atomic():
        return _grant(staff=staff, user=user, committee=committee, role=role, details=details)


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
