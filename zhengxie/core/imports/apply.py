"""Writing a validated roster: one transaction, matched by committee + name + mobile, so
importing the same file again changes nothing."""

from dataclasses import dataclass

from django.db import transaction

from ..models import Committee, Member, Term

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


def apply_rows(*, committee: Committee, rows: list[tuple[int, dict]]) -> ApplyResult:
    """Locks the committee's members matched by the file; creates the rest in the current
    term. A person the file names is on the roster, so a deactivated one is active again."""
    created = updated = unchanged = 0
    keys = {(values["name"], values["mobile"]) for _, values in rows}
    with transaction.atomic():
        existing = {
            (m.name, m.mobile): m
            for m in Member.objects.select_for_update()
            .filter(committee=committee, name__in={name for name, _ in keys})
            .order_by("id")
        }
        term = Term.objects.filter(committee=committee, is_current=True).first()
        for _, values in rows:
            member = existing.get((values["name"], values["mobile"]))
            if member is None:
                member = Member(committee=committee, term=term, **values)
                member._change_reason = CHANGE_REASON
                member.save()
                created += 1
                continue
            changed = _changed_fields(member, {**values, "is_active": True})
            if changed:
                member._change_reason = CHANGE_REASON
                member.save(update_fields=changed)
                updated += 1
            else:
                unchanged += 1
    return ApplyResult(created=created, updated=updated, unchanged=unchanged)
