"""The warnings list: staff issue it from the computed year, hold the talk (约谈), record it.
A warning's status moves only through the warning workflow (duty/workflow.py); the effects and
guards it names are here."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from zhengxie.core.models import Committee, Member, User
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import Step, apply

from ..models import DutyWarning, WarningReason, WarningStatus
from ..notifications import WARNING
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
        _reopen_and_clear(existing, due, actor)
        _notify(committee, [w.member_id for w in new])
    return len(new)


def _reopen_and_clear(existing: dict, due: dict, actor: User) -> None:
    """A cleared warning due again reopens with the new figures; an open one no longer due is
    cleared. Each is its own step, with history."""
    for key, warning in existing.items():
        if key in due and warning.status == WarningStatus.CLEARED:
            apply(warning, "reopen", actor, detail=due[key])
        elif key not in due and warning.status == WarningStatus.OPEN:
            apply(warning, "clear", actor)


def refresh_detail(step: Step) -> None:
    """Before `reopen`: the figures that put the member back on the list."""
    step.touch(detail=step.data["detail"][:200])


def _notify(committee: Committee, member_ids: list[int]) -> None:
    users = [m.user for m in Member.objects.filter(pk__in=member_ids).select_related("user")]
    notify(
        kind=WARNING,
        recipients=[u for u in users if u is not None],
        title="履职预警提醒",
        body=f"{committee.display_name}：您的年度履职情况已列入预警名单，机关工作人员将与您约谈。",
        url=reverse("duty:me"),
    )


def record_talk(
    *, actor: User, warning: DutyWarning, talked_on: dt.date, outcome: str
) -> DutyWarning:
    """Record the talk (约谈) held with the member and its outcome: the step `talk`."""
    check_manage_duty_permission(actor, warning.committee_id)
    return apply(
        DutyWarning.objects.get(pk=warning.pk), "talk", actor, talked_on=talked_on, outcome=outcome
    )


def check_talk(step: Step) -> None:
    """Guard of `talk`: when, and what was said and agreed."""
    if not step.data.get("talked_on"):
        raise ValidationError({"talked_on": _("请填写约谈日期。")})
    if not (step.data.get("outcome") or "").strip():
        raise ValidationError({"outcome": _("请填写约谈情况及结果。")})


def note_talk(step: Step) -> None:
    """Before `talk`: when, by whom and what came of it."""
    data = step.data
    step.touch(talked_on=data["talked_on"], talked_by=step.actor, outcome=data["outcome"].strip())


__all__ = ["WarningReason", "issue_warnings", "record_talk"]
