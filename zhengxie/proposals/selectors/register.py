"""Reads of the register and a record: filtered lists in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.models import Member, User

from ..models import Assignment, Proposal, Proposer, Reply, ReplyState
from ..permissions import filter_visible_proposals
from ..similarity import search_proposals
from ..workflow import HANDLING_STATES, REGISTERED_STATES


@dataclass(frozen=True)
class RegisterFilters:
    plenary: int | None = None
    state: str = ""
    category: str = ""
    unit: int | None = None
    proposer: str = ""
    key: bool | None = None
    overdue: bool = False
    text: str = ""
    committee: int | None = None


def overdue_q(today=None) -> Q:
    today = today or timezone.localdate()
    return Q(state__in=HANDLING_STATES, reply_deadline__lt=today)


def with_register_relations(queryset: QuerySet) -> QuerySet:
    """Everything a register row shows, in three extra queries whatever the page size."""
    return queryset.select_related("plenary", "committee", "key").prefetch_related(
        Prefetch("proposers", queryset=Proposer.objects.order_by("position", "id")),
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(is_active=True).select_related("unit"),
        ),
    )


def apply_filters(queryset: QuerySet, filters: RegisterFilters) -> QuerySet:
    if filters.committee:
        queryset = queryset.filter(committee_id=filters.committee)
    if filters.plenary:
        queryset = queryset.filter(plenary_id=filters.plenary)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.category:
        queryset = queryset.filter(Q(category=filters.category) | Q(category_main=filters.category))
    if filters.unit:
        active = Assignment.objects.filter(unit_id=filters.unit, is_active=True)
        queryset = queryset.filter(pk__in=active.values("proposal_id"))
    if filters.proposer.strip():
        names = Proposer.objects.filter(name__icontains=filters.proposer.strip())
        queryset = queryset.filter(
            Q(pk__in=names.values("proposal_id")) | Q(body_name__icontains=filters.proposer.strip())
        )
    if filters.key is not None:
        queryset = queryset.filter(key__isnull=not filters.key)
    if filters.overdue:
        queryset = queryset.filter(overdue_q())
    return search_proposals(queryset, filters.text)


def list_register(*, user: User, filters: RegisterFilters | None = None) -> QuerySet:
    """The register a person may read: every submitted proposal, numbered first; drafts only
    for their writers (filter_visible_proposals). Exports and search reuse this with the same
    filters."""
    queryset = filter_visible_proposals(user, Proposal.objects.filter(is_deleted=False))
    queryset = apply_filters(queryset, filters or RegisterFilters())
    # Newest plenary and number first: the (plenary, number) unique index serves this order, so
    # the first page of a 100k register needs no sort of the whole table.
    return with_register_relations(queryset).order_by("-plenary_id", "-number", "-id")


def list_my_proposals(*, user: User) -> QuerySet:
    member = getattr(user, "member", None)
    mine = Q(created_by=user)
    if member is not None:
        mine |= Q(pk__in=Proposer.objects.filter(member=member).values("proposal_id"))
    return with_register_relations(Proposal.objects.filter(mine, is_deleted=False)).order_by("-id")


def get_proposal(pk: int) -> Proposal:
    return (
        Proposal.objects.select_related(
            "plenary", "committee", "key", "suggested_unit", "merged_into"
        )
        .prefetch_related(
            Prefetch("proposers", queryset=Proposer.objects.select_related("member")),
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
            Prefetch(
                "replies",
                queryset=Reply.objects.select_related("unit").prefetch_related("co_opinions__unit"),
            ),
            "cosignatures__member",
            "contact_records__unit",
            "feedbacks__proposer",
            "feedbacks__entered_by",
            "merged_proposals",
            "attachments",
        )
        .get(pk=pk, is_deleted=False)
    )


SHOWCASE_PROPOSALS = 20


def _public() -> QuerySet:
    return Proposal.objects.filter(
        state__in=REGISTERED_STATES, publish_consent=True, is_deleted=False
    )


def list_public(*, committee_ids: list[int] | None = None) -> QuerySet:
    """Registered proposals whose proposers consented to publication, for the public pages."""
    queryset = _public()
    if committee_ids:
        queryset = queryset.filter(committee_id__in=committee_ids)
    return with_register_relations(queryset).order_by("-plenary_id", "-number")


def list_public_for_member(*, member: Member) -> list[dict]:
    """委员风采's card: the public proposals the member proposed or co-signed (one query)."""
    proposals = (
        _public()
        .filter(proposers__member=member)
        .only("pk", "title", "registered_on")
        .order_by("-registered_on", "-pk")
        .distinct()
    )
    return [
        {
            "title": proposal.title,
            "url": reverse("proposals:public_detail", args=[proposal.pk]),
            "when": proposal.registered_on,
        }
        for proposal in proposals[:SHOWCASE_PROPOSALS]
    ]


def published_replies(proposal: Proposal) -> list[Reply]:
    return [
        r
        for r in proposal.replies.all()
        if r.state == ReplyState.SENT and r.published_at is not None
    ]
