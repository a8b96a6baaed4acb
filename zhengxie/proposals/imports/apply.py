"""Writing a validated register in one transaction. Rows are matched by 案号 within the plenary
(unnumbered ones by 案由), so importing the same file again changes nothing."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from zhengxie.core.bulk_insert import insert_with_history
from zhengxie.core.chinese import normalize_name
from zhengxie.core.models import Member, Plenary
from zhengxie.core.rules import rule
from zhengxie.core.workdays import add_months

from .. import rules
from ..models import NumberCounter, Proposal, ProposalState
from ..selectors.register_count import bump_register_version
from . import related
from .credits import NOT_REGISTERED, credit_proposers
from .validation import RegisterRow

CHANGE_REASON = "提案登记表导入"
SCALARS = (
    "number",
    "title",
    "proposer_kind",
    "body_name",
    "category",
    "category_main",
    "state",
    "assigned_on",
    "reply_deadline",
    "replied_on",
    "registered_on",
    "closed_on",
    "situation",
    "analysis",
    "suggestion",
)


@dataclass(frozen=True)
class ApplyResult:
    created: int
    updated: int
    unchanged: int
    proposal_ids: tuple[int, ...] = ()  # created or changed: to be re-indexed
    credited: int = 0  # duty ledger rows written (with the credit option only)


def _scalars(row: RegisterRow, plenary: Plenary, reply_months: int) -> dict:
    registered = row.state not in NOT_REGISTERED
    assigned = row.assigned_on
    collective = row.is_collective
    values = {
        "number": row.number,
        "title": row.title,
        "proposer_kind": row.kind,
        "body_name": row.proposers[0] if collective else "",
        "category": row.category,
        "category_main": row.category_main,
        "state": row.state,
        "assigned_on": assigned,
        "reply_deadline": add_months(assigned, reply_months) if assigned else None,
        "replied_on": row.replied_on,
        # A register records the plenary, not the day of registration: the plenary's close,
        # unless the proposal was assigned before it.
        "registered_on": min(plenary.closes_on, assigned or plenary.closes_on)
        if registered
        else None,
        "closed_on": row.replied_on if row.state == ProposalState.CLOSED else None,
    }
    for name in ("situation", "analysis", "suggestion"):
        values[name] = row.sections.get(name, "")
    return values


def _existing(plenary: Plenary) -> tuple[dict[int, Proposal], dict[str, Proposal]]:
    proposals = Proposal.objects.select_for_update().filter(plenary=plenary, is_deleted=False)
    by_number, by_title = {}, {}
    for proposal in proposals.order_by("id"):
        if proposal.number is not None:
            by_number[proposal.number] = proposal
        else:
            by_title.setdefault(proposal.title, proposal)
    return by_number, by_title


def members_by_name(plenary: Plenary) -> dict[str, Member]:
    """Roster members by name; a name two members share links to neither."""
    found: dict[str, Member] = {}
    seen: set[str] = set()
    for member in Member.objects.filter(committee_id=plenary.committee_id).order_by("id"):
        name = normalize_name(member.name)
        if name in seen:
            found.pop(name, None)
        else:
            found[name] = member
        seen.add(name)
    return found


def _update(proposal: Proposal, values: dict) -> bool:
    changed = [name for name, value in values.items() if getattr(proposal, name) != value]
    for name in changed:
        setattr(proposal, name, values[name])
    if changed:
        proposal._change_reason = CHANGE_REASON
        proposal.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


def apply_rows(
    *, plenary: Plenary, rows: list[RegisterRow], credit_duty: bool = False
) -> ApplyResult:
    """Locks the plenary's counter and its proposals, then creates or updates each row and
    its proposers, assignments, reply, rating and key-proposal record; with `credit_duty`,
    credits the registered proposals to their proposers on the roster (credits.py)."""
    reply_months = rule(plenary.committee_id, rules.REPLY_MONTHS)
    with transaction.atomic():
        counter, _ = NumberCounter.objects.select_for_update().get_or_create(plenary=plenary)
        by_number, by_title = _existing(plenary)
        pairs, new, changed = [], [], set()
        for row in rows:
            values = _scalars(row, plenary, reply_months)
            proposal = by_number.get(row.number) if row.number else by_title.get(row.title)
            if proposal is None:
                proposal = Proposal(committee_id=plenary.committee_id, plenary=plenary, **values)
                new.append(proposal)
            elif _update(proposal, values):
                changed.add(proposal.pk)
            pairs.append((row, proposal))
        insert_with_history(Proposal, new, reason=CHANGE_REASON)
        if new:
            # A bulk insert sends no post_save: the registers' counts learn of the rows here.
            bump_register_version()
        changed |= related.sync(pairs=pairs, members=members_by_name(plenary))
        changed |= related.link_merged(pairs=pairs, by_number=by_number)
        _advance_counter(counter, plenary)
        credited = credit_proposers(proposals=[p for _r, p in pairs]) if credit_duty else 0
    existing = len(pairs) - len(new)
    changed -= {p.pk for p in new}
    return ApplyResult(
        created=len(new),
        updated=len(changed),
        unchanged=existing - len(changed),
        proposal_ids=tuple(sorted({p.pk for p in new} | changed)),
        credited=credited,
    )


def _advance_counter(counter: NumberCounter, plenary: Plenary) -> None:
    """Later registrations continue after the highest imported 案号."""
    top = Proposal.objects.filter(plenary=plenary).aggregate(n=Max("number"))["n"] or 0
    if top > counter.last_number:
        counter.last_number = top
        counter.save(update_fields=["last_number"])
