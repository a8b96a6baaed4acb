"""Reads for handling units, the office's overdue list and the leaders' key-proposal view."""

from django.db.models import Count, QuerySet
from django.utils import timezone

from zhengxie.core.models import User
from zhengxie.core.permissions import unit_ids_of

from ..models import Assignment, KeyProposal, Proposal, ReassignmentRequest, RequestState
from ..workflow import FINAL_STATES
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
