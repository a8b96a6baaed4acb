"""The proposal figures (DESIGN §5): every screen, export and the annual review reads them here,
so two screens cannot disagree. A plenary proposal counts in its plenary's year, an
inter-session one in the year it was submitted. Rates are fractions 0..1."""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from .. import rules
from ..models import (
    Assignment,
    ContactRecord,
    Feedback,
    KeyProposal,
    Proposal,
    ProposalState,
    Rating,
    Reply,
    ReplyState,
    SupervisorKind,
)
from ..workflow import REGISTERED_STATES
from .register import overdue_q

S = ProposalState
NOT_RECEIVED = (S.DRAFT, S.COSIGNING)


def of_year_q(*, committee_ids: list[int], year: int, through: str = "") -> Q:
    """The proposals received in the year, as a filter on Proposal or (through="proposal__")
    on a table that points to it. Related counts filter through the join rather than
    `proposal__in=<subquery>`, which PostgreSQL plans as a scan of the whole province's rows
    for every committee asked about."""

    def q(**lookups) -> Q:
        return Q(**{through + name: value for name, value in lookups.items()})

    in_year = q(is_plenary_proposal=True, plenary__opens_on__year=year) | q(
        is_plenary_proposal=False, submitted_at__year=year
    )
    return (
        q(committee_id__in=committee_ids, is_deleted=False) & in_year & ~q(state__in=NOT_RECEIVED)
    )


def proposals_of_year(*, committee_ids: list[int], year: int) -> QuerySet:
    return Proposal.objects.filter(of_year_q(committee_ids=committee_ids, year=year))


# The grouped counts below end in .order_by(): the models' default ordering (by proposal, and
# through it by committee and plenary) would otherwise join three tables the count never reads.


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _counts(base: QuerySet) -> dict:
    registered = Q(state__in=REGISTERED_STATES)
    contacts = ContactRecord.objects.filter(proposal_id=OuterRef("pk"))
    return base.aggregate(
        received=Count("pk"),
        registered=Count("pk", filter=registered),
        merged=Count("pk", filter=Q(state=S.MERGED)),
        declined=Count("pk", filter=Q(state=S.DECLINED)),
        converted_to_opinion=Count("pk", filter=Q(state=S.TO_OPINION)),
        converted_to_letter=Count("pk", filter=Q(state=S.TO_LETTER)),
        withdrawn=Count("pk", filter=Q(state=S.WITHDRAWN)),
        replied=Count("pk", filter=registered & Q(replied_on__isnull=False)),
        assigned=Count("pk", filter=registered & Q(assigned_on__isnull=False)),
        overdue=Count("pk", filter=overdue_q()),
        # 办前沟通: assigned proposals with at least one contact, in the same pass.
        contacted=Count("pk", filter=Q(assigned_on__isnull=False) & Q(Exists(contacts))),
    )


def _feedback(of_year: Q) -> dict:
    """Each proposer's rating of the latest handling round (a redo replaces the earlier one)."""
    rows = Feedback.objects.filter(of_year, round=F("proposal__redo_round"))
    counts = dict(rows.values_list("rating").annotate(n=Count("pk")).order_by())
    return {
        "satisfied": counts.get(Rating.SATISFIED, 0),
        "basically_satisfied": counts.get(Rating.BASICALLY, 0),
        "dissatisfied": counts.get(Rating.DISSATISFIED, 0),
    }


def _result_classes(of_year: Q, committee_ids: list[int]) -> dict:
    """Replies per class: the classes of the first (top) committee's rule, in its order, then
    any other class a stored reply carries (a rule changed after replies were sent)."""
    codes = [code for cid in committee_ids[:1] for code in rules.result_classes(cid)]
    sent = Reply.objects.filter(
        of_year,
        state=ReplyState.SENT,
        round=F("proposal__redo_round"),
        assignment__is_active=True,
    )
    counts = dict(sent.values_list("result_class").annotate(n=Count("pk")).order_by())
    extra = sorted(set(counts) - set(codes))
    return {code: counts.get(code, 0) for code in [*codes, *extra]}


def _key(of_year: Q) -> dict:
    counts = dict(
        KeyProposal.objects.filter(of_year)
        .values_list("supervisor_kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "city_leaders": counts.get(SupervisorKind.PARTY_GOVERNMENT, 0),
        "chair_members": counts.get(SupervisorKind.CHAIR, 0),
        "other": counts.get(SupervisorKind.SPECIAL_COMMITTEE, 0)
        + counts.get(SupervisorKind.OTHER, 0),
    }


def figures(*, committee_ids: list[int], year: int) -> dict:
    base = proposals_of_year(committee_ids=committee_ids, year=year)
    related = of_year_q(committee_ids=committee_ids, year=year, through="proposal__")
    data = _counts(base)
    assigned, contacted = data.pop("assigned"), data.pop("contacted")
    feedback = _feedback(related)
    rated = sum(feedback.values())
    data.update(
        registration_rate=_rate(data["registered"], data["received"]),
        reply_rate=_rate(data["replied"], data["registered"]),
        feedback=feedback,
        satisfaction_rate=_rate(feedback["satisfied"] + feedback["basically_satisfied"], rated),
        contact_rate=_rate(contacted, assigned),
        result_classes=_result_classes(related, committee_ids),
        key=_key(related),
    )
    return data


def figures_by_unit(*, committee_ids: list[int], year: int) -> list[dict]:
    """Per handling unit: lead/co/split counts, replied, overdue."""
    base = proposals_of_year(committee_ids=committee_ids, year=year)
    rows = (
        Assignment.objects.filter(proposal__in=base, is_active=True)
        .values("unit_id", "unit__name")
        .annotate(
            lead=Count("pk", filter=Q(role="lead")),
            co=Count("pk", filter=Q(role="co")),
            split=Count("pk", filter=Q(role="split")),
            replied=Count("pk", filter=Q(proposal__replied_on__isnull=False)),
            overdue=Count("pk", filter=Q(proposal__in=base.filter(overdue_q()))),
        )
        .order_by("-lead", "unit__name")
    )
    return [{"unit": r.pop("unit__name"), **r} for r in rows]


def figures_by_category(*, committee_ids: list[int], year: int) -> list[dict]:
    """Per first-level category: received and registered."""
    base = proposals_of_year(committee_ids=committee_ids, year=year)
    rows = (
        base.values("category_main")
        .annotate(
            received=Count("pk"),
            registered=Count("pk", filter=Q(state__in=REGISTERED_STATES)),
        )
        .order_by("-received")
    )
    return [{"category": r.pop("category_main") or "未分类", **r} for r in rows]


def latest_plenary_year(*, committee_ids: list[int]) -> int | None:
    """The year of the newest plenary with registered proposals: the year a dashboard or an
    annual review opens on, before the next plenary has anything to show."""
    plenary = (
        Proposal.objects.filter(
            committee_id__in=committee_ids, is_plenary_proposal=True, state__in=REGISTERED_STATES
        )
        .order_by("-plenary__opens_on")
        .values_list("plenary__opens_on", flat=True)
        .first()
    )
    return plenary.year if plenary else None
