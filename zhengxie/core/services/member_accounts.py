"""One account per member, keyed by the member's mobile number and kept in step with the roster.

The roster import, the member pages and the office's bulk issue call these inside their own
transaction, after their own permission check.
- A member with a mobile and no account gets one. An account already holding the number (a
  staff member who joins the committee, say) is linked; otherwise a new account is made without
  a usable password, for the member to activate by SMS or with an account letter.
- A changed number moves the log-in: the account's mobile follows the member's.
- A departed member's account stays, with its history; the seat's role goes (members.py), and
  no new account is made for a departed seat.
"""

from collections import Counter
from collections.abc import Sequence

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..models import Member, Role, RoleGrant, SmsCode, User

USERNAME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def seat_of(user: User | None) -> Member | None:
    """The member seat of an account, if it has one."""
    if user is None:
        return None
    try:
        return user.member
    except Member.DoesNotExist:
        return None


def holders_of(mobiles: set[str]) -> dict[str, User]:
    """The accounts holding these numbers, with their member seat read in the same query."""
    users = User.objects.filter(mobile__in=mobiles).select_related("member__committee")
    return {user.mobile: user for user in users}


def taken_by_another(member: Member, holder: User | None) -> Member | None:
    """The other member whose account holds this member's number, if any: two people cannot
    share a log-in, so such a number needs the office to sort out who it belongs to."""
    seat = seat_of(holder)
    return seat if seat is not None and seat.pk != member.pk else None


def mobile_taken_message(mobile: str, seat: Member) -> str:
    return _("手机号码 %(mobile)s 已是%(committee)s委员%(name)s的登录账号。") % {
        "mobile": mobile,
        "committee": seat.committee.display_name,
        "name": seat.name,
    }


def _refuse_shared_numbers(unlinked: list[Member], holders: dict[str, User]) -> None:
    problems = []
    for member in unlinked:
        seat = taken_by_another(member, holders.get(member.mobile))
        if seat is not None:
            problems.append(mobile_taken_message(member.mobile, seat))
    repeated = [m for m, n in Counter(m.mobile for m in unlinked).items() if n > 1]
    problems += [_("手机号码 %(mobile)s 属于多位委员。") % {"mobile": m} for m in repeated]
    if problems:
        raise ValidationError(problems)


def _new_accounts(
    members: list[Member], *, actor: User | None, reason: str, password_hash: str
) -> dict[str, User]:
    """Accounts for these members, made in batches with their history rows."""
    now = timezone.now()
    users = [
        User(
            username=f"member-{get_random_string(10, USERNAME_ALPHABET)}",
            mobile=member.mobile,
            display_name=member.name,
            # Without a usable password the account opens only by an SMS code or a letter.
            password=password_hash or make_password(None),
            must_change_password=not password_hash,
            activated_at=now if password_hash else None,
        )
        for member in members
    ]
    bulk_create_with_history(
        users, User, batch_size=500, default_user=actor, default_change_reason=reason
    )
    return {user.mobile: user for user in users}


def _grant_member_role(members: list[Member], *, actor: User | None, reason: str) -> None:
    """The member role in the seat's committee for every account that lacks it."""
    user_ids = {m.user_id for m in members}
    held = set(
        RoleGrant.objects.filter(user_id__in=user_ids, role=Role.MEMBER).values_list(
            "user_id", "committee_id"
        )
    )
    missing = {(m.user_id, m.committee_id) for m in members} - held
    grants = [RoleGrant(user_id=u, committee_id=c, role=Role.MEMBER) for u, c in sorted(missing)]
    bulk_create_with_history(
        grants, RoleGrant, batch_size=500, default_user=actor, default_change_reason=reason
    )


def ensure_member_accounts(
    *, members: Sequence[Member], actor: User | None, reason: str, password_hash: str = ""
) -> int:
    """Gives every active member with a mobile an account and the member role; returns how
    many accounts it made. Members not yet saved get their account set for the caller to
    save; saved ones are linked here, with history. `password_hash` is for the demo's shared
    password only: real accounts start without one. Raises ValidationError, naming each,
    when a number belongs to another member's account or to two members at once."""
    seated = [m for m in members if m.is_active and m.mobile]
    unlinked = [m for m in seated if m.user_id is None]
    holders = holders_of({m.mobile for m in unlinked})
    _refuse_shared_numbers(unlinked, holders)
    fresh = [m for m in unlinked if m.mobile not in holders]
    made = _new_accounts(fresh, actor=actor, reason=reason, password_hash=password_hash)
    for member in unlinked:
        member.user = holders.get(member.mobile) or made[member.mobile]
    saved = [m for m in unlinked if m.pk is not None]
    if saved:
        bulk_update_with_history(
            saved,
            Member,
            ["user"],
            batch_size=500,
            default_user=actor,
            default_change_reason=reason,
        )
    _grant_member_role(seated, actor=actor, reason=reason)
    return len(made)


def refuse_taken_mobile(mobile: str, *, user: User | None = None) -> None:
    """Two accounts cannot be merged: a number another account than `user` holds stays with
    it. The refusal names the mobile field, and the member seat holding it if there is one."""
    holder = holders_of({mobile}).get(mobile)
    if holder is None or (user is not None and holder.pk == user.pk):
        return
    seat = seat_of(holder)
    message = (
        mobile_taken_message(mobile, seat)
        if seat is not None
        else _("手机号码 %(mobile)s 已是其他账号的登录手机号。") % {"mobile": mobile}
    )
    raise ValidationError({"mobile": message})


def move_login(*, member: Member, actor: User | None, reason: str) -> None:
    """After the member's number or name changed: the account's mobile and name follow, and
    codes sent to the old number stop working. A member who had no number gets an account."""
    if member.user_id is None:
        ensure_member_accounts(members=[member], actor=actor, reason=reason)
        return
    user = User.objects.select_for_update().get(pk=member.user_id)
    changed = {"mobile": member.mobile, "display_name": member.name}
    changed = {name: value for name, value in changed.items() if getattr(user, name) != value}
    if "mobile" in changed:
        refuse_taken_mobile(member.mobile, user=user)
    if not changed:
        return
    if "mobile" in changed:
        SmsCode.objects.filter(phone=user.mobile, used_at__isnull=True).delete()
    for name, value in changed.items():
        setattr(user, name, value)
    user._history_user, user._change_reason = actor, reason
    user.save(update_fields=list(changed))
