"""Writing a validated roster: one transaction, matched by committee + name + mobile, so
importing the same file again changes nothing. Every person the file names has an account
afterwards, keyed by their mobile (services.member_accounts)."""

from dataclasses import dataclass

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from ..models import Committee, Member, Term, User
from ..search_index import index_members
from ..services.member_accounts import ensure_member_accounts

CHANGE_REASON = "名册导入"


@dataclass(frozen=True)
class ApplyResult:
    created: int
    updated: int
    unchanged: int


def _changed_fields(member: Member, values: dict) -> list[str]:
    changed = []
    for name, value in values.items():
        current = getattr(member, name)
        if current != value:
            setattr(member, name, value)
            changed.append(name)
    return changed


def apply_rows(
    *,
    committee: Committee,
    rows: list[tuple[int, dict]],
    user: User | None = None,
    password_hash: str = "",
) -> ApplyResult:
    """Locks the committee, then its members matched by the file; creates the rest in the current
    term. A person the file names is on the roster, so a deactivated one is active again.
    History names ``user`` (the uploader), since a background task has no request. New accounts
    start without a password; `password_hash` is for the demo's shared one only."""
    updated = unchanged = 0
    keys = {(values["name"], values["mobile"]) for _, values in rows}
    with transaction.atomic():
        # Row locks cannot cover people not yet created, so two imports into one committee
        # queue on the committee row: the second then finds the first one's members.
        Committee.objects.select_for_update().filter(pk=committee.pk).first()
        existing = {
            (m.name, m.mobile): m
            for m in Member.objects.select_for_update()
            .filter(committee=committee, name__in={name for name, _ in keys})
            .order_by("id")
        }
        term = Term.objects.filter(committee=committee, is_current=True).first()
        new: list[Member] = []
        named: list[Member] = []
        for _, values in rows:
            member = existing.get((values["name"], values["mobile"]))
            if member is None:
                new.append(Member(committee=committee, term=term, **values))
                continue
            named.append(member)
            changed = _changed_fields(member, {**values, "is_active": True})
            if changed:
                member._change_reason = CHANGE_REASON
                member._history_user = user
                member.save(update_fields=changed)
                updated += 1
            else:
                unchanged += 1
        # Accounts first, so new people's history starts with theirs in place.
        ensure_member_accounts(
            members=new + named, actor=user, reason=CHANGE_REASON, password_hash=password_hash
        )
        # New people go in batches, each with its history row, as a roster is mostly new.
        bulk_create_with_history(
            new, Member, batch_size=500, default_user=user, default_change_reason=CHANGE_REASON
        )
        # The office finds imported people in the search at once; a failed import indexes
        # nobody, as it writes nobody.
        imported = Member.objects.filter(committee=committee, name__in={n for n, _m in keys})
        index_members(
            m
            for m in imported.select_related("sector", "town", "special_committee")
            if (m.name, m.mobile) in keys
        )
    return ApplyResult(created=len(new), updated=updated, unchanged=unchanged)
