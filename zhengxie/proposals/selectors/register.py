"""Reads of the register and a record: filtered lists in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.models import Member, User

from ..models import (
    Assignment,
    Attachment,
    ContactRecord,
    CoSignature,
    Feedback,
    Proposal,
    Proposer,
    Reply,
    ReplyState,
)
from ..permissions import filter_visible_proposals
from ..similarity import search_proposals
from ..workflow import HANDLING_STATES, REGISTERED_STATES
from .register_count import count_register


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


# What a row of `_rows.html` reads of a proposal; the texts and the review's fields stay behind.
ROW_FIELDS = (
    "plenary__code",
    "key__id",
    "number",
    "title",
    "is_plenary_proposal",
    "body_name",
    "category",
    "state",
    "reply_deadline",
)


def as_register_rows(queryset: QuerySet) -> QuerySet:
    """The proposals as `_rows.html` shows them, in five queries whatever the page size. The
    proposers and active units arrive as lists (`row_proposers`, `row_assignments`): a
    prefetch kept in the related managers builds a queryset per proposal and relation, which
    cost a 50-row page about 4 ms."""
    proposers = Proposer.objects.only("proposal_id", "name").order_by("position", "id")
    assignments = (
        Assignment.objects.filter(is_active=True)
        .select_related("unit")
        .only("proposal_id", "role", "unit__name")
        # Within a proposal, the order of Assignment.Meta without its joins to the proposal.
        .order_by("role", "id")
    )
    return (
        queryset.select_related(None)
        .prefetch_related(None)
        .select_related("plenary", "key")
        .only(*ROW_FIELDS)
        .prefetch_related(
            Prefetch("proposers", queryset=proposers, to_attr="row_proposers"),
            Prefetch("assignments", queryset=assignments, to_attr="row_assignments"),
        )
    )


def apply_filters(queryset: QuerySet, filters: RegisterFilters) -> QuerySet:
    queryset = _apply_filters_but_unit(queryset, filters)
    if filters.unit:
        queryset = _of_unit(queryset, filters.unit)
    return search_proposals(queryset, filters.text)


def _of_unit(queryset: QuerySet, unit: int) -> QuerySet:
    active = Assignment.objects.filter(unit_id=unit, is_active=True)
    return queryset.filter(pk__in=active.values("proposal_id"))


def _apply_filters_but_unit(queryset: QuerySet, filters: RegisterFilters) -> QuerySet:
    if filters.committee:
        queryset = queryset.filter(committee_id=filters.committee)
    if filters.plenary:
        queryset = queryset.filter(plenary_id=filters.plenary)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.category:
        queryset = queryset.filter(Q(category=filters.category) | Q(category_main=filters.category))
    if filters.proposer.strip():
        names = Proposer.objects.filter(name__icontains=filters.proposer.strip())
        queryset = queryset.filter(
            Q(pk__in=names.values("proposal_id")) | Q(body_name__icontains=filters.proposer.strip())
        )
    if filters.key is not None:
        queryset = queryset.filter(key__isnull=not filters.key)
    if filters.overdue:
        queryset = queryset.filter(overdue_q())
    return queryset


# Newest plenary and number first: the committee's register index (proposal_register_rows)
# serves this order, so the first page of a 100k register needs no sort of the whole table.
REGISTER_ORDER = ("-plenary_id", "-number", "-id")


def _visible(user: User) -> QuerySet:
    return filter_visible_proposals(user, Proposal.objects.filter(is_deleted=False))


def list_register(*, user: User, filters: RegisterFilters | None = None) -> QuerySet:
    """The register a person may read: every submitted proposal, numbered first; drafts only
    for their writers (filter_visible_proposals). Exports and search reuse this with the same
    filters."""
    queryset = apply_filters(_visible(user), filters or RegisterFilters())
    return with_register_relations(queryset).order_by(*REGISTER_ORDER)


@dataclass(frozen=True)
class RegisterRows:
    rows: QuerySet
    count: int


def list_register_rows(*, user: User, filters: RegisterFilters) -> RegisterRows:
    """The register's web page: list_register's proposals as its rows show them, and their
    number read the cheapest way that is still exact (register_count.py)."""
    queryset = search_proposals(_apply_filters_but_unit(_visible(user), filters), filters.text)
    count = count_register(
        user=user, queryset=queryset, unfiltered=filters == RegisterFilters(), unit=filters.unit
    )
    if filters.unit:
        queryset = _of_unit(queryset, filters.unit)
    return RegisterRows(as_register_rows(queryset).order_by(*REGISTER_ORDER), count)


def list_my_proposals(*, user: User) -> QuerySet:
    member = getattr(user, "member", None)
    mine = Q(created_by=user)
    if member is not None:
        mine |= Q(pk__in=Proposer.objects.filter(member=member).values("proposal_id"))
    return with_register_relations(Proposal.objects.filter(mine, is_deleted=False)).order_by("-id")


def get_proposal(pk: int) -> Proposal:
    """The record with everything its page shows. Each related list comes in its model's own
    order within one proposal, named here: the models' orders begin with the proposal, whose
    own order would join its committee and plenary into every one of these queries (and cost
    the page about 4 ms of query building) to sort the rows of a single proposal."""
    replies = Reply.objects.select_related("unit").prefetch_related("co_opinions__unit")
    feedbacks = Feedback.objects.select_related("proposer", "entered_by")
    contacts = ContactRecord.objects.select_related("unit")
    return (
        Proposal.objects.select_related(
            "plenary", "committee", "key", "suggested_unit", "merged_into"
        )
        .prefetch_related(
            Prefetch(
                "proposers",
                queryset=Proposer.objects.select_related("member").order_by("position", "id"),
            ),
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("unit").order_by("role", "id"),
            ),
            Prefetch("replies", queryset=replies.order_by("round", "id")),
            Prefetch(
                "cosignatures",
                queryset=CoSignature.objects.select_related("member").order_by("id"),
            ),
            Prefetch("contact_records", queryset=contacts.order_by("contacted_on", "id")),
            Prefetch("feedbacks", queryset=feedbacks.order_by("round", "id")),
            "merged_proposals",
            Prefetch("attachments", queryset=Attachment.objects.order_by("id")),
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
