"""Members are added and edited by their committee's staff, and deactivated, never deleted:
proposals, duty files and history keep pointing at them."""

from django.db import transaction

from ..models import Committee, Member, Term, User
from ..permissions import check_manage_people_permission


def create_member(*, user: User, committee: Committee, fields: dict) -> Member:
    check_manage_people_permission(user, committee)
    with transaction.atomic():
        term = (
            fields.pop("term", None)
            or Term.objects.filter(committee=committee, is_current=True).first()
        )
        return Member.objects.create(committee=committee, term=term, **fields)


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
    return locked


def set_member_active(*, user: User, member: Member, active: bool, reason: str = "") -> Member:
    """Soft deactivation (离任) or reactivation; the record and its history stay."""
    check_manage_people_permission(user, member.committee_id)
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if locked.is_active != active:
            locked.is_active = active
            locked._change_reason = reason
            locked.save(update_fields=["is_active"])
    return locked
