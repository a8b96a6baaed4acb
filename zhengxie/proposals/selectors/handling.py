"""Reads for handling units, the office's overdue list and the leaders' key-proposal view."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from zhengxie.core.models import User
from zhengxie.core.permissions import unit_ids_of
from zhengxie.core.rules import rule
from zhengxie.core.workdays import add_working_days, counting_back

from .. import rules
from ..models import (
    Assignment,
    AssignmentRole,
    ContactRecord,
    KeyProposal,
    Proposal,
    ReassignmentRequest,
    RequestState,
)
from ..workflow import FINAL_STATES, HANDLING_STATES
from .register import overdue_q, with_register_relations


def list_unit_assignments(*, user: User, include_done: bool = False) -> QuerySet:
    """A unit's assigned proposals with the deadline, soonest first."""
    queryset = Assignment.objects.filter(unit_id__in=unit_ids_of(user), is_active=True)
    if not include_done:
        queryset = queryset.exclude(proposal__state__in=[*FINAL_STATES, "replied"])
    return queryset.select_related("proposal", "proposal__plenary", "unit").order_by(
        "deadline", "id"
    )


def days_left(deadline) -> int:
    return (deadline - timezone.localdate()).days


def list_overdue(*, committee_ids: list[int]) -> QuerySet:
    queryset = Proposal.objects.filter(overdue_q(), committee_id__in=committee_ids)
    return with_register_relations(queryset).order_by("reply_deadline", "id")


def contact_due_on(assignment: Assignment) -> dt.date:
    """The day by which the unit should have contacted the proposers (办前沟通)."""
    days = rule(assignment.committee_id, rules.CONTACT_WORKING_DAYS)
    return add_working_days(assignment.assigned_on, days, committee_id=assignment.committee_id)


def awaiting_contact() -> QuerySet:
    """The answering units' active assignments with no contact record of theirs yet."""
    contacted = ContactRecord.objects.filter(
        proposal_id=OuterRef("proposal_id"), unit_id=OuterRef("unit_id")
    )
    return Assignment.objects.filter(
        is_active=True,
        role__in=[AssignmentRole.LEAD, AssignmentRole.SPLIT],
        proposal__state__in=HANDLING_STATES,
    ).exclude(Exists(contacted))


def list_contact_overdue(*, committee_ids: list[int], today: dt.date | None = None) -> QuerySet:
    """The units past their 办前沟通 limit with no contact recorded, longest late first. An
    assignment is late when its contact day is before today, that is, when it was made before
    the limit's working days counted back from yesterday: one cut-off date per committee (its
    own rule and calendar), so the rows come in one query."""
    yesterday = (today or timezone.localdate()) - dt.timedelta(days=1)
    late = Q(pk__in=[])
    for committee_id in committee_ids:
        days = rule(committee_id, rules.CONTACT_WORKING_DAYS)
        cutoff = counting_back(yesterday, days, committee_id=committee_id)
        late |= Q(committee_id=committee_id, assigned_on__lt=cutoff)
    return (
        awaiting_contact()
        .filter(late)
        .select_related("proposal", "unit")
        .order_by("assigned_on", "id")
    )


def list_pending_requests(*, committee_ids: list[int]) -> QuerySet:
    return (
        ReassignmentRequest.objects.filter(
            committee_id__in=committee_ids, state=RequestState.PENDING
        )
        .select_related("assignment__proposal", "assignment__unit", "suggested_unit")
        .order_by("requested_at")
    )


def list_pending_extensions(*, committee_ids: list[int]) -> QuerySet:
    return (
        Assignment.objects.filter(committee_id__in=committee_ids, extension_state="requested")
        .select_related("proposal", "unit")
        .order_by("id")
    )


def list_key_proposals(
    *, committee_ids: list[int], year: int | None = None, supervisor: User | None = None
) -> QuerySet:
    """Key proposals with their progress, for the leaders' view; with `supervisor`, only
    those that leader supervises in person."""
    queryset = KeyProposal.objects.filter(committee_id__in=committee_ids)
    if year:
        queryset = queryset.filter(year=year)
    if supervisor is not None:
        queryset = queryset.filter(supervisor=supervisor)
    return (
        queryset.select_related("proposal", "proposal__plenary", "supervisor")
        .prefetch_related("proposal__assignments__unit")
        .annotate(log_count=Count("supervision_logs"))
        .order_by("supervisor_kind", "proposal__number")
    )
