"""Opening accounts for a whole committee or sector, and the member's first password.

The office issues accounts in bulk: every active member in scope gets an account (made or
linked by member_accounts), and each not yet activated gets either an account letter (Word,
one page each, with a one-time activation code) or an SMS saying how to sign in by SMS code.
A member activates by setting their own password: on the letter's activation page, or on the
password page after a first sign-in by SMS code.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..letters import Letter, account_letters_docx
from ..models import ActivationCode, Committee, Member, Role, Sector, SpecialCommittee, User
from ..permissions import check_grant_role_permission, check_manage_people_permission
from ..phones import clean_mobile
from ..sms import ACCOUNT_OPENED, SmsDeliveryError, send_sms
from . import codes
from .member_accounts import ensure_member_accounts
from .signin import SIGN_IN_FAILURES_PER_ADDRESS, mark_activated

logger = logging.getLogger(__name__)

# Letters go out at the plenary and reach some members weeks later, after a trip or a leave.
LETTER_DAYS = 30
ISSUE_REASON = "批量开通账号"
LETTER_REASON = "账号通知书激活"
FIRST_PASSWORD_REASON = "首次设置密码"
CHANGE_PASSWORD_REASON = "修改密码"


class IssueChannel(models.TextChoices):
    LETTER = "letter", gettext_lazy("打印账号通知书（Word，每人一页）")
    SMS = "sms", gettext_lazy("发送开通短信（委员用短信验证码登录后自设密码）")


@dataclass(frozen=True)
class Issued:
    members: int  # active members in scope
    accounts_made: int
    without_mobile: int  # members the roster gives no mobile: no account for them yet
    pending: int  # not yet activated: each got a letter or an SMS
    letters: bytes | None = None


def members_in_scope(
    *, committee: Committee, sector: Sector | None, special_committee: SpecialCommittee | None
) -> list[Member]:
    members = Member.objects.filter(committee=committee, is_active=True)
    if sector is not None:
        members = members.filter(sector=sector)
    if special_committee is not None:
        members = members.filter(special_committee=special_committee)
    return list(
        members.select_related("user", "committee").order_by("sector__sort_order", "sector", "id")
    )


def issue_accounts(
    *,
    staff: User,
    committee: Committee,
    channel: str,
    activation_url: str,
    sector: Sector | None = None,
    special_committee: SpecialCommittee | None = None,
) -> Issued:
    """Accounts for the scope, then letters or SMS for those not yet activated. Letters
    replace every earlier unused letter of their people. The SMS go out from a background
    task after commit; `activation_url` is the letter's activation page or the SMS sign-in
    page, absolute."""
    check_manage_people_permission(staff, committee)
    check_grant_role_permission(staff, committee, Role.MEMBER)
    members = members_in_scope(
        committee=committee, sector=sector, special_committee=special_committee
    )
    with transaction.atomic():
        made = ensure_member_accounts(members=members, actor=staff, reason=ISSUE_REASON)
        pending = [m for m in members if m.user_id and m.user.activated_at is None]
        letters = None
        if channel == IssueChannel.LETTER:
            letters = _letters(
                staff=staff, committee=committee, pending=pending, url=activation_url
            )
        else:
            user_ids = [m.user_id for m in pending]
            transaction.on_commit(lambda: _queue_notices(user_ids, activation_url))
    return Issued(
        members=len(members),
        accounts_made=made,
        without_mobile=sum(1 for m in members if not m.mobile),
        pending=len(pending),
        letters=letters,
    )


def _letters(*, staff: User, committee: Committee, pending: list[Member], url: str) -> bytes:
    now = timezone.now()
    expires_at = now + timedelta(days=LETTER_DAYS)
    plain = {m.user_id: codes.new_letter_code() for m in pending}
    ActivationCode.objects.filter(user_id__in=plain, used_at__isnull=True).delete()
    ActivationCode.objects.bulk_create(
        ActivationCode(
            user_id=user_id,
            digest=codes.digest("letter", user_id, code),
            issued_by=staff,
            created_at=now,
            expires_at=expires_at,
        )
        for user_id, code in plain.items()
    )
    letters = [
        Letter(
            name=m.name,
            mobile=m.mobile,
            code=codes.format_letter_code(plain[m.user_id]),
            url=f"{url.rstrip('/')}/{codes.format_letter_code(plain[m.user_id])}/",
            expires_at=expires_at,
        )
        for m in pending
    ]
    return account_letters_docx(committee_name=committee.name, letters=letters)


def _queue_notices(user_ids: list[int], url: str) -> None:
    from ..tasks import send_account_notices

    send_account_notices.enqueue(user_ids=user_ids, url=url)


def send_account_notices(*, user_ids: list[int], url: str) -> int:
    """The "account opened" SMS to each person not yet activated; returns how many went out.
    One refused number is logged and does not stop the others."""
    sent = 0
    people = User.objects.filter(pk__in=user_ids, activated_at__isnull=True, is_active=True)
    for user in people.exclude(mobile="").order_by("pk"):
        try:
            send_sms(phone=user.mobile, kind=ACCOUNT_OPENED, params={"name": str(user), "url": url})
        except SmsDeliveryError as error:
            logger.warning(
                "Account notice to user %s not sent: %s (%s)", user.pk, error, error.code
            )
            continue
        sent += 1
    return sent


def activate_with_letter_code(*, mobile: str, code: str, password: str, address: str) -> User:
    """Sets the person's own password when the number and the letter's code agree; the code
    is then used up. A wrong pair counts against the address's sign-in failures and changes
    nothing. The password is checked first, so a weak one costs no attempt."""
    if SIGN_IN_FAILURES_PER_ADDRESS.is_exhausted(address):
        raise ValidationError(_("尝试次数过多，请 15 分钟后再试。"), code="throttled")
    phone = clean_mobile(mobile)
    typed = codes.clean_letter_code(code)
    validate_password(password)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(mobile=phone, is_active=True).first()
        match = _live_letter_code(user, typed) if user is not None else None
        if match is not None:
            match.used_at = timezone.now()
            match.save(update_fields=["used_at"])
            user.set_password(password)
            mark_activated(user, reason=LETTER_REASON)
    if match is None:
        SIGN_IN_FAILURES_PER_ADDRESS.record(address)
        raise ValidationError(
            {
                "code": _(
                    "激活码不正确或已失效。请核对通知书上的手机号和激活码，或请政协办公室重新签发。"
                )
            },
            code="wrong",
        )
    return user


def _live_letter_code(user: User, typed: str) -> ActivationCode | None:
    live = ActivationCode.objects.filter(
        user=user, used_at__isnull=True, expires_at__gt=timezone.now()
    )
    return next((c for c in live if codes.matches(c.digest, "letter", user.pk, typed)), None)


def set_own_password(*, user: User, password: str) -> User:
    """A password the person chose: the first one (after a first sign-in by SMS code, or in
    place of the one the office issued) activates the account."""
    reason = FIRST_PASSWORD_REASON if user.activated_at is None else CHANGE_PASSWORD_REASON
    with transaction.atomic():
        user.set_password(password)
        mark_activated(user, reason=reason)
    return user
