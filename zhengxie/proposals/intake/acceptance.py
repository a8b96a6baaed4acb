"""What staff were shown, the one-click acceptance, and how often suggestions were taken.

The shown suggestions are kept per proposal while the office decides: categories until the
proposal is registered (from then on the model may have learned the proposal's own category),
lead units until it is assigned. Acceptance compares them with what the office finally chose,
by a click or by hand, so choosing otherwise counts as much as accepting. Accepting the
units is the ordinary assignment (services.assign_proposal) with the suggested units."""

from collections import defaultdict

from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.workflow import InvalidInput

from .. import rules
from ..models import (
    Assignment,
    AssignmentRole,
    IntakeSuggestion,
    Proposal,
    ProposalState,
)
from ..permissions import check_office_of
from ..selectors.stats import of_year_q
from ..services import WorkflowError
from ..workflow import REGISTERED_STATES

S = ProposalState
CATEGORY_OPEN = frozenset({S.SUBMITTED, S.IN_REVIEW})
UNITS_OPEN = CATEGORY_OPEN | {S.REGISTERED}
# The office may still set the category after registration, until the proposal is assigned.
CATEGORY_EDITABLE = UNITS_OPEN


def record_shown(*, proposal: Proposal, categories: list[str], lead_unit_ids: list[int]) -> None:
    """Keeps what the office is shown while the decision is open; writes only on change."""
    if proposal.state not in UNITS_OPEN:
        return
    shown = IntakeSuggestion.objects.filter(proposal=proposal).first()
    if shown is None:
        IntakeSuggestion.objects.create(
            committee_id=proposal.committee_id,
            proposal=proposal,
            categories=categories if proposal.state in CATEGORY_OPEN else [],
            lead_units=lead_unit_ids,
        )
        return
    fields = []
    if proposal.state in CATEGORY_OPEN and shown.categories != categories:
        shown.categories, fields = categories, [*fields, "categories"]
    if shown.lead_units != lead_unit_ids:
        shown.lead_units, fields = lead_unit_ids, [*fields, "lead_units"]
    if fields:
        shown.save(update_fields=[*fields, "updated_at"])


def accept_category(*, proposal: Proposal, actor: User, category: str) -> Proposal:
    """Sets the category the office chose (a suggestion or another). Locks the proposal."""
    check_office_of(actor, proposal)
    main = rules.category_main_of(proposal.committee_id, category)
    if not category or not main:
        raise InvalidInput(
            _("类别：“%(c)s”不在本政协的类别表中。") % {"c": category}, field="category"
        )
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.state not in CATEGORY_EDITABLE:
            raise WorkflowError(
                _("提案当前状态为“%(s)s”，不能再修改类别。") % {"s": locked.get_state_display()}
            )
        if locked.category == category:
            return locked
        locked.category, locked.category_main = category, main
        locked._history_user = actor
        locked._change_reason = _("确定类别：%(c)s") % {"c": category}
        locked.save(update_fields=["category", "category_main", "updated_at"])
    return locked


def _share(hits: int, n: int) -> float:
    return round(hits / n, 4) if n else 0.0


def figures_acceptance(*, committee_ids: list[int], year: int) -> list[dict]:
    """Per plenary (inter-session proposals together): of the registered proposals whose
    suggestions were shown, how often the final category, and the lead unit once assigned,
    was the first suggestion (top1) or among the three (top3). Two queries."""
    related = of_year_q(committee_ids=committee_ids, year=year, through="proposal__")
    shown = IntakeSuggestion.objects.filter(related, proposal__state__in=REGISTERED_STATES)
    rows = shown.values_list(
        "proposal_id",
        "proposal__is_plenary_proposal",
        "proposal__plenary__name",
        "proposal__category",
        "categories",
        "lead_units",
    ).order_by("proposal__plenary__opens_on", "proposal_id")
    leads = dict(
        Assignment.objects.filter(
            related,
            proposal__intake_suggestion__isnull=False,
            role=AssignmentRole.LEAD,
            is_active=True,
        ).values_list("proposal_id", "unit_id")
    )
    tally: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for proposal_id, at_plenary, plenary, category, categories, lead_units in rows:
        counts = tally[plenary if at_plenary and plenary else _("平时提案")]
        if category and categories:
            counts[0] += 1
            counts[1] += categories[:1] == [category]
            counts[2] += category in categories[:3]
        if proposal_id in leads and lead_units:
            counts[3] += 1
            counts[4] += lead_units[:1] == [leads[proposal_id]]
            counts[5] += leads[proposal_id] in lead_units[:3]
    return [
        {
            "plenary": plenary,
            "categories": {"top1": _share(c[1], c[0]), "top3": _share(c[2], c[0]), "n": c[0]},
            "units": {"top1": _share(c[4], c[3]), "top3": _share(c[5], c[3]), "n": c[3]},
        }
        for plenary, c in tally.items()
    ]
