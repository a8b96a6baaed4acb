"""Signing in from the members' app: a bearer token per device, issued for the same proofs the
web sign-in takes and through the same doors.

A password goes through django.contrib.auth.authenticate, so the mobile-number backend, the
django-axes lockout (one log-in from one address) and the per-address failure throttle all
count it as they count the web form. An SMS code goes through services.signin, the web's SMS
sign-in. Refreshing swaps the token for a new one; end_sessions (services.accounts) revokes
every token together with every web session.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ApiToken, CodePurpose, User
from ..throttle import Throttled, client_address
from . import signin
from .accounts import end_sessions

TOKEN_DAYS = 30  # a phone in daily use stays signed in; one left in a drawer drops out
# last_used_at is a hint on the devices page, not an audit trail: one write a minute per token
# instead of one per request.
LAST_USED_EVERY = timedelta(minutes=1)
TOKEN_PREFIX = "zx_"


@dataclass(frozen=True)
class IssuedToken:
    token: str  # the secret, shown once; only its hash is kept
    record: ApiToken

    @property
    def expires_at(self) -> datetime:
        return self.record.expires_at


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(*, user: User, device_name: str = "") -> IssuedToken:
    """A new token for the person; accounts that must first replace the password the office
    gave them do so on the web, as the web sign-in would make them."""
    if user.must_change_password:
        raise PermissionDenied(_("请先在网页上修改初始密码，再在应用中登录。"))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user,
        device_name=device_name.strip()[:60],
        digest=_digest(secret),
        expires_at=timezone.now() + timedelta(days=TOKEN_DAYS),
    )
    return IssuedToken(secret, record)


def _lockout_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME * 3600)


def sign_in_with_password(
    *, request: HttpRequest, username: str, password: str, device_name: str = ""
) -> IssuedToken:
    """Checks the log-in (mobile number or username) and password as the web form does."""
    address = client_address(request)
    failures = signin.SIGN_IN_FAILURES_PER_ADDRESS
    if failures.is_exhausted(address):
        raise Throttled(_("尝试次数过多，请 15 分钟后再试。"), retry_after=failures.window)
    user = authenticate(request, username=username, password=password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            raise Throttled(
                _("登录失败次数过多，该账号已暂时锁定，请 15 分钟后再试。"),
                retry_after=_lockout_seconds(),
            )
        failures.record(address)
        raise ValidationError({"password": _("手机号、用户名或密码不正确。")}, code="wrong")
    return issue_token(user=user, device_name=device_name)


def sign_in_with_sms_code(
    *, phone: str, code: str, address: str, device_name: str = ""
) -> IssuedToken:
    """Spends the SMS code as the web's SMS sign-in does."""
    try:
        user = signin.check_sms_code(
            mobile=phone, code=code, purpose=CodePurpose.SIGN_IN, address=address
        )
    except ValidationError as error:
        _raise_throttled(error, signin.SIGN_IN_FAILURES_PER_ADDRESS.window)
        raise
    return issue_token(user=user, device_name=device_name)


def request_sign_in_code(*, phone: str, address: str) -> signin.SentCode:
    try:
        return signin.request_sms_code(mobile=phone, purpose=CodePurpose.SIGN_IN, address=address)
    except ValidationError as error:
        _raise_throttled(error, signin.CODES_PER_ADDRESS.window)
        raise


def _raise_throttled(error: ValidationError, window: int) -> None:
    if getattr(error, "code", None) == "throttled":
        raise Throttled(error.messages[0], retry_after=window) from error


def token_for(secret: str) -> ApiToken | None:
    """The live token with this secret, its user loaded; None for an unknown, revoked or
    expired one, or an account that was closed."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True, expires_at__gt=now)
        .filter(user__is_active=True)
        .first()
    )
    if token is not None and (
        token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY
    ):
        token.last_used_at = now
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def refresh_token(*, token: ApiToken) -> IssuedToken:
    """A new token for the same device; the one presented stops working."""
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if not revoked:  # refreshed twice at once: the second finds it gone
            raise PermissionDenied(_("登录已失效，请重新登录。"))
        return issue_token(user=token.user, device_name=token.device_name)


def revoke_token(*, user: User, token_id: int) -> bool:
    """Signs one of the person's devices out; False when it was not theirs or not live (and
    then nothing is written)."""
    live = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True)
    if not live.exists():
        return False
    return bool(live.update(revoked_at=timezone.now()))


def sign_out_everywhere(*, user: User) -> None:
    """Every app token and every web session of the person ends."""
    end_sessions(user=user)
