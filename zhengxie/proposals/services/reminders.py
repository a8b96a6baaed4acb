"""Deadline reminders to handling units at 30, 7 and 1 days (configurable); each threshold is
sent once per assignment and deadline, so the job can run as often as it likes. Units that
have not contacted the proposers (办前沟通) are reminded once as that working-day limit nears."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import RoleGrant
from zhengxie.core.rules import rule
from zhengxie.core.services.notifications import notify
from zhengxie.core.workdays import working_days_between

from .. import rules
from ..models import Assignment, ReplyState
from ..notifications import DEADLINE_REMINDER
from ..selectors.handling import awaiting_contact, contact_due_on
from ..workflow import HANDLING_STATES


def _due_threshold(days_left: int, thresholds: list[int], sent: list[int]) -> int | None:
    """The smallest threshold reached and not yet sent (a job missed for days sends one)."""
    reached = [t for t in thresholds if days_left <= t and t not in sent]
    return min(reached) if reached else None


def send_deadline_reminders(*, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    pending = (
        Assignment.objects.filter(is_active=True, proposal__state__in=HANDLING_STATES)
        .exclude(
            replies__round=F("proposal__redo_round"),
            replies__state__in=[ReplyState.OFFICE_REVIEW, ReplyState.SENT],
        )
        .select_related("proposal", "unit")
    )
    sent = 0
    for assignment in pending:
        thresholds = rule(assignment.committee_id, rules.REMINDER_DAYS)
        days_left = (assignment.deadline - today).days
        due = _due_threshold(days_left, thresholds, assignment.reminders_sent)
        if due is None:
            continue
        with transaction.atomic():
            locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
            if due in locked.reminders_sent:
                continue
            locked.reminders_sent = sorted(
                {*locked.reminders_sent, *[t for t in thresholds if t >= due]}
            )
            locked.save(update_fields=["reminders_sent"])
            notify(
                kind=DEADLINE_REMINDER,
                recipients=_unit_users(locked.unit_id),
                title=_("提案办理将于%(n)s天后到期：%(t)s")
                % {"n": max(days_left, 0), "t": assignment.proposal.title},
                body=_("办理期限：%(d)s") % {"d": locked.deadline},
                url=f"/proposals/{assignment.proposal_id}/",
            )
            sent += 1
    return sent


def _unit_users(unit_id: int) -> list:
    grants = RoleGrant.objects.filter(handling_unit_id=unit_id, role="unit").select_related("user")
    return [g.user for g in grants]


# Reminded when this many working days or fewer are left to contact the proposers.
CONTACT_WARNING_WORKING_DAYS = 3


def send_contact_reminders(*, today: dt.date | None = None) -> int:
    """One reminder per assignment once the contact limit is near or past; stamped on the
    assignment under lock, so a second run the same day (or any later day) sends nothing."""
    today = today or timezone.localdate()
    pending = awaiting_contact().filter(contact_reminded_on=None).select_related("proposal")
    sent = 0
    for assignment in pending:
        due = contact_due_on(assignment)
        left = working_days_between(today, due, committee_id=assignment.committee_id)
        if left > CONTACT_WARNING_WORKING_DAYS:
            continue
        with transaction.atomic():
            locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
            if locked.contact_reminded_on is not None:
                continue
            locked.contact_reminded_on = today
            locked.save(update_fields=["contact_reminded_on"])
            notify(
                kind=DEADLINE_REMINDER,
                recipients=_unit_users(locked.unit_id),
                title=_("请于%(d)s前与提案者办前沟通：%(t)s")
                % {"d": due, "t": assignment.proposal.title},
                body=_("交办后%(n)s个工作日内应与提案者沟通，并在办理页登记沟通情况。")
                % {"n": rule(assignment.committee_id, rules.CONTACT_WORKING_DAYS)},
                url=f"/proposals/{assignment.proposal_id}/",
            )
            sent += 1
    return sent
