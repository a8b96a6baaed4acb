"""The warnings list: staff issue it from the computed year, hold the talk (约谈), record it."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from zhengxie.core.models import Committee, Member, User
from zhengxie.core.services.notifications import notify

from ..models import DutyWarning, WarningReason, WarningStatus
from ..permissions import check_manage_duty_permission
from ..selectors.warnings import due_warnings


def issue_warnings(*, actor: User, committee: Committee, year: int) -> int:
    """Put every member now below the points warning line on the list and notify
    them; warnings no longer due and not yet talked about are cleared. Returns new ones."""
    check_manage_duty_permission(actor, committee)
    due = {(w.member_id, w.reason): w.detail for w in due_warnings(committee=committee, year=year)}
    with transaction.atomic():
        Committee.objects.select_for_update().filter(pk=committee.pk).first()
        existing = {
            (w.member_id, w.reason): w
            for w in DutyWarning.objects.filter(committee=committee, year=year)
        }
        new = [
            DutyWarning(committee=committee, member_id=m, year=year, reason=r, detail=detail[:200])
            for (m, r), detail in due.items()
            if (m, r) not in existing
        ]
        bulk_create_with_history(new, DutyWarning, batch_size=1000, default_user=actor)
        _reopen_and_clear(existing, due)
        _notify(committee, [w.member_id for w in new])
    return len(new)


def _reopen_and_clear(existing: dict, due: dict) -> None:
    for key, warning in existing.items():
        if key in due and warning.status == WarningStatus.CLEARED:
            warning.status, warning.detail = WarningStatus.OPEN, due[key][:200]
            warning.save(update_fields=["status", "detail"])
        elif key not in due and warning.status == WarningStatus.OPEN:
            warning.status = WarningStatus.CLEARED
            warning.save(update_fields=["status"])


def _notify(committee: Committee, member_ids: list[int]) -> None:
    users = [m.user for m in Member.objects.filter(pk__in=member_ids).select_related("user")]
    notify(
        recipients=[u for u in users if u is not None],
        title="履职预警提醒",
        body=f"{committee.display_name}：您的年度履职情况已列入预警名单，机关工作人员将与您约谈。",
        url=reverse("duty:me"),
    )


def record_talk(
    *, actor: User, warning: DutyWarning, talked_on: dt.date, outcome: str
) -> DutyWarning:
    """Record the talk (约谈) held with the member and its outcome; locks the warning."""
    check_manage_duty_permission(actor, warning.committee_id)
    if not outcome.strip():
        raise ValueError("请填写约谈情况及结果。")
    with transaction.atomic():
        warning = DutyWarning.objects.select_for_update().get(pk=warning.pk)
        warning.status = WarningStatus.TALKED
        warning.talked_on, warning.talked_by, warning.outcome = talked_on, actor, outcome
        warning.save(update_fields=["status", "talked_on", "talked_by", "outcome"])
    return warning


__all__ = ["WarningReason", "issue_warnings", "record_talk"]
