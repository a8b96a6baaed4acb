"""Members are added and edited by their committee's staff, and deactivated, never deleted:
proposals, duty files and history keep pointing at them.

Each member's account follows the seat (member_accounts): a new member with a mobile gets an
account, a changed number moves the log-in. A departed member (离任) keeps the seat's record
and the account but loses what the seat gave: the member role in the committee and every open
session. Reactivation gives the role back."""

from django.db import transaction

from ..models import Committee, Member, Role, RoleGrant, Term, User
from ..permissions import check_manage_people_permission
from ..search_index import index_members
from .accounts import end_sessions
from .member_accounts import ensure_member_accounts, move_login

NEW_MEMBER_REASON = "新增委员"
EDIT_REASON = "修改委员信息"


def create_member(*, user: User, committee: Committee, fields: dict) -> Member:
    """The seat and, when it has a mobile, its account, both made before the seat is saved so
    its history starts with the account in place."""
    check_manage_people_permission(user, committee)
    with transaction.atomic():
        term = (
            fields.pop("term", None)
            or Term.objects.filter(committee=committee, is_current=True).first()
        )
        member = Member(committee=committee, term=term, **fields)
        ensure_member_accounts(members=[member], actor=user, reason=NEW_MEMBER_REASON)
        member.save()
        index_members([member])
    return member


def update_member(*, user: User, member: Member, fields: dict) -> Member:
    """Locks the member row; saves only the fields that changed, so history shows them."""
    check_manage_people_permission(user, member.committee_id)
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        changed = [name for name, value in fields.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, fields[name])
        if changed:
            locked.save(update_fields=changed)
        if {"mobile", "name"} & set(changed):
            move_login(member=locked, actor=user, reason=EDIT_REASON)
        if changed:
            index_members([locked])
    return locked


def set_member_active(*, user: User, member: Member, active: bool, reason: str = "") -> Member:
    """Soft deactivation (离任) or reactivation; the record and its history stay. Locks the
    member row; the member role follows the seat, and departure signs the person out."""
    check_manage_people_permission(user, member.committee_id)
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if locked.is_active == active:
            return locked
        locked.is_active = active
        locked._change_reason = reason
        locked.save(update_fields=["is_active"])
        _follow_seat(member=locked, actor=user, reason=reason)
    return locked


def _follow_seat(*, member: Member, actor: User, reason: str) -> None:
    """Grants or ends the member role to match the seat; a returning member without an
    account gets one. An ended grant is deleted through the model, so its history keeps who
    held the role until when, and why it ended."""
    if member.is_active:
        ensure_member_accounts(members=[member], actor=actor, reason=reason or EDIT_REASON)
        return
    if member.user_id is None:
        return
    grants = RoleGrant.objects.filter(
        user_id=member.user_id, committee_id=member.committee_id, role=Role.MEMBER
    )
    for grant in grants:
        grant._change_reason = reason
        grant.delete()
    end_sessions(user=member.user)
