"""Signing in by a mobile number and an SMS code, and resetting a password the same way.

A code is six digits, valid for CODE_MINUTES, kept only as a keyed hash (services.codes),
good for MAX_TRIES wrong guesses and then dead; a new one may be asked for after
RESEND_SECONDS. Asking is limited per number and per client address (core.throttle), and each
wrong code counts against the address's sign-in failures, which the password sign-in counts too.

A number without an account is answered exactly as one with: a code row is made and nothing
is sent, so the page tells nobody whose number is on the roster.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import ActivationCode, CodePurpose, SmsCode, User
from ..phones import clean_mobile
from ..sms import RESET_CODE, SIGN_IN_CODE, SmsDeliveryError, send_sms
from ..throttle import Throttle
from . import codes
from .accounts import end_sessions
from .member_accounts import seat_of

CODE_MINUTES = 5  # 验证码 5 分钟内有效 (issue 14)
MAX_TRIES = 5  # wrong guesses one code survives: five in a million
RESEND_SECONDS = 60  # the "重新获取" button waits a minute
# A person waiting for a slow SMS asks again two or three times; a script bombing a number
# with texts meets this within the hour.
CODES_PER_NUMBER = Throttle("sms-codes-number", limit=5, window=60 * 60)
CODES_PER_ADDRESS = Throttle("sms-codes-address", limit=settings.SMS_CODES_PER_ADDRESS, window=3600)
# Wrong passwords, wrong SMS codes and wrong letter codes from one address, across accounts.
SIGN_IN_FAILURES_PER_ADDRESS = Throttle(
    "sign-in-failures", limit=settings.SIGN_IN_FAILURES_PER_ADDRESS, window=15 * 60
)
RESET_REASON = "短信验证码重设密码"
KINDS = {
    CodePurpose.SIGN_IN: SIGN_IN_CODE,
    CodePurpose.RESET: RESET_CODE,
    CodePurpose.BIND: SIGN_IN_CODE,
}
BIND_REASON = "绑定手机号"


@dataclass(frozen=True)
class SentCode:
    phone: str
    resend_at: datetime


def account_for(mobile: str) -> User | None:
    """The active account signing in with this number."""
    return User.objects.filter(mobile=mobile, is_active=True).first()


def _check_resend(phone: str, purpose: str) -> None:
    last = SmsCode.objects.filter(phone=phone, purpose=purpose).order_by("-created_at").first()
    if last is None:
        return
    wait = RESEND_SECONDS - int((timezone.now() - last.created_at).total_seconds())
    if wait > 0:
        message = ngettext(
            "验证码已发送，请 %(seconds)d 秒后再重新获取。",
            "验证码已发送，请 %(seconds)d 秒后再重新获取。",
            wait,
        ) % {"seconds": wait}
        raise ValidationError(message, code="too_soon")


def _check_rate(phone: str, address: str) -> None:
    if CODES_PER_NUMBER.is_exhausted(phone) or CODES_PER_ADDRESS.is_exhausted(address):
        raise ValidationError(_("获取验证码过于频繁，请一小时后再试。"), code="throttled")
    CODES_PER_NUMBER.record(phone)
    CODES_PER_ADDRESS.record(address)


def request_sms_code(
    *, mobile: str, purpose: str, address: str, user: User | None = None
) -> SentCode:
    """Makes a code for the number and texts it if the number has an account. A refused or
    failed send leaves no code behind, so the person may ask again at once. Binding needs
    the signed-in `user`, and is checked before any SMS goes out."""
    phone = clean_mobile(mobile)
    if purpose == CodePurpose.BIND:
        _check_bind(user, phone)
    _check_resend(phone, purpose)
    _check_rate(phone, address)
    code = codes.new_sms_code()
    now = timezone.now()
    row = SmsCode.objects.create(
        phone=phone,
        purpose=purpose,
        digest=codes.digest("sms", purpose, phone, code),
        created_at=now,
        expires_at=now + timedelta(minutes=CODE_MINUTES),
    )
    # Binding proves a number not yet on any account, so its code goes out regardless.
    if purpose == CodePurpose.BIND or account_for(phone) is not None:
        try:
            send_sms(
                phone=phone, kind=KINDS[purpose], params={"code": code, "minutes": CODE_MINUTES}
            )
        except SmsDeliveryError as error:
            row.delete()
            raise ValidationError(str(error), code="not_sent") from error
    return SentCode(phone=phone, resend_at=now + timedelta(seconds=RESEND_SECONDS))


def _spend(phone: str, purpose: str, code: str) -> tuple[bool, str]:
    """Checks the number's latest code under a row lock: (True, "") and the code is used up,
    or (False, why). A wrong guess is written down before the caller raises."""
    with transaction.atomic():
        row = (
            SmsCode.objects.select_for_update()
            .filter(phone=phone, purpose=purpose)
            .order_by("-created_at", "-id")
            .first()
        )
        if row is None or row.used_at is not None:
            return False, _("请先获取验证码。")
        if row.expires_at <= timezone.now():
            return False, _("验证码已过期，请重新获取。")
        if row.failed_attempts >= MAX_TRIES:
            return False, _("验证码错误次数过多，请重新获取。")
        if not codes.matches(row.digest, "sms", purpose, phone, code):
            row.failed_attempts += 1
            row.save(update_fields=["failed_attempts"])
            left = MAX_TRIES - row.failed_attempts
            if not left:
                return False, _("验证码错误次数过多，请重新获取。")
            return False, ngettext(
                "验证码错误，还可再试 %(left)d 次。", "验证码错误，还可再试 %(left)d 次。", left
            ) % {"left": left}
        row.used_at = timezone.now()
        row.save(update_fields=["used_at"])
    return True, ""


def _spend_typed(*, mobile: str, code: str, purpose: str, address: str) -> tuple[str, bool, str]:
    """(number, spent, why not) for what was typed; format errors raise at once."""
    if SIGN_IN_FAILURES_PER_ADDRESS.is_exhausted(address):
        raise ValidationError(_("尝试次数过多，请 15 分钟后再试。"), code="throttled")
    phone = clean_mobile(mobile)
    digits = codes.clean_sms_code(code)
    if not digits:
        raise ValidationError({"code": _("请输入短信中的 6 位数字验证码。")}, code="format")
    return (phone, *_spend(phone, purpose, digits))


def _refuse_code(address: str, reason: str) -> None:
    SIGN_IN_FAILURES_PER_ADDRESS.record(address)
    raise ValidationError({"code": reason or _("验证码错误。")}, code="wrong")


def check_sms_code(*, mobile: str, code: str, purpose: str, address: str) -> User:
    """The account the code proves; ValidationError naming the field otherwise. A wrong code
    counts against the code's tries and the address's sign-in failures."""
    phone, spent, reason = _spend_typed(mobile=mobile, code=code, purpose=purpose, address=address)
    user = account_for(phone) if spent else None
    if user is None:
        _refuse_code(address, reason)
    return user


def _check_bind(user: User | None, phone: str) -> None:
    """A member's log-in number is the roster's, changed by the office; a number another
    account holds stays with it."""
    if user is None or not user.is_authenticated:
        raise ValidationError(_("请先登录。"), code="anonymous")
    if seat_of(user) is not None:
        raise ValidationError(
            _("委员的登录手机号以委员名册为准，如需更换请联系政协办公室。"), code="member"
        )
    if User.objects.filter(mobile=phone).exclude(pk=user.pk).exists():
        raise ValidationError(
            {"mobile": _("该手机号码已绑定其他账号。如有疑问请联系政协办公室。")}, code="taken"
        )


def bind_mobile(*, user: User, mobile: str, code: str, address: str) -> User:
    """Puts a proven number on the signed-in person's account, who may then sign in with it.
    Locks the account."""
    phone, spent, reason = _spend_typed(
        mobile=mobile, code=code, purpose=CodePurpose.BIND, address=address
    )
    if not spent:
        _refuse_code(address, reason)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        _check_bind(locked, phone)
        locked.mobile = phone
        locked._change_reason = BIND_REASON
        locked.save(update_fields=["mobile"])
    return locked


def mark_activated(user: User, *, reason: str) -> None:
    """The person has set a password of their own: the account counts as activated, and the
    letters still out for it stop working. Saves the user's password too."""
    fields = ["password", "must_change_password"]
    user.must_change_password = False
    if user.activated_at is None:
        user.activated_at = timezone.now()
        fields.append("activated_at")
    user._change_reason = reason
    user.save(update_fields=fields)
    ActivationCode.objects.filter(user=user, used_at__isnull=True).delete()


def reset_password_with_sms_code(*, mobile: str, code: str, password: str, address: str) -> User:
    """Sets a new password for the account the code proves, and signs it out everywhere else.
    The password is checked before the code is spent, so a weak one costs no code."""
    validate_password(password)
    user = check_sms_code(mobile=mobile, code=code, purpose=CodePurpose.RESET, address=address)
    with transaction.atomic():
        user.set_password(password)
        mark_activated(user, reason=RESET_REASON)
        end_sessions(user=user)
    return user
