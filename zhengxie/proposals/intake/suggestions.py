"""Suggestions for the pages and the command: the engine's answer for a committee, categories
kept to the committee's own table, units matched to its own units by name (so a county
borrowing the city's model sees only units it has), evidence kept to what the reader may open."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, HandlingUnit, User

from .. import rules
from ..models import Proposal
from ..permissions import check_see_similar_while_writing, filter_visible_proposals
from .acceptance import record_shown
from .engine import CategorySuggestion, IntakeError, Suggestion, UnitSuggestion, suggest
from .permissions import check_see_review_suggestions
from .registry import MIN_EXAMPLES, model_for, schedule_training_if_moved

WRITING_MIN_CHARS = 4  # fewer characters match almost anything, as for similar proposals
CO_UNIT_MIN_SCORE = 0.2  # a co-unit named on fewer than a fifth of the voters' weight is noise


@dataclass(frozen=True)
class UnitAdvice:
    unit: HandlingUnit
    score: float
    role: str
    evidence: list[Proposal]  # the similar past proposals behind it that the reader may open


@dataclass(frozen=True)
class Advice:
    categories: list[CategorySuggestion]
    leads: list[UnitAdvice]
    co_units: list[UnitAdvice]
    borrowed_from: Committee | None  # the ancestor whose register taught the model

    @property
    def lead(self) -> UnitAdvice | None:
        return self.leads[0] if self.leads else None

    @property
    def suggested_co_units(self) -> list[UnitAdvice]:
        lead_id = self.lead.unit.pk if self.lead else None
        return [u for u in self.co_units if u.score >= CO_UNIT_MIN_SCORE and u.unit.pk != lead_id]


def _no_model_message() -> str:
    return _("本政协已立案的提案不足%(n)s件，上级政协也没有可借用的模型，暂不能给出交办建议。") % {
        "n": MIN_EXAMPLES
    }


def _known_categories(committee_id: int, found: list[CategorySuggestion]) -> list:
    table = rules.categories(committee_id)
    known = set(table) | {sub for subs in table.values() for sub in subs}
    return [c for c in found if c.name in known] or found


def answer(committee: Committee, title: str, text: str, *, top: int, units: bool):
    """The engine's suggestion for the committee and the committee that taught it. Raises
    IntakeError for text without Chinese, or when no model answers for the committee."""
    schedule_training_if_moved(committee.pk)
    found = model_for(committee)
    if found is None:
        raise IntakeError(_no_model_message())
    model, source = found
    # Ask for more than `top`: a borrowed model may know categories this committee lacks.
    raw = suggest(model, title, text, top=top * 3, units=units)
    categories = _known_categories(committee.pk, raw.categories)[:top]
    return Suggestion(categories, raw.units), source


def _units_by_name(committee_id: int, found: list[UnitSuggestion]) -> dict[str, HandlingUnit]:
    names = {u.name for u in found}
    units = HandlingUnit.objects.filter(committee_id=committee_id, is_active=True, name__in=names)
    return {unit.name: unit for unit in units}


def _readable(found: list[UnitSuggestion], reader: User | None) -> dict[int, Proposal]:
    refs = {e.ref for u in found for e in u.evidence if e.ref}
    proposals = Proposal.objects.filter(pk__in=refs, is_deleted=False)
    if reader is not None:
        proposals = filter_visible_proposals(reader, proposals)
    return proposals.select_related("plenary").in_bulk()


def _unit_advice(committee_id, found: list[UnitSuggestion], reader, top) -> dict[str, list]:
    units, readable = _units_by_name(committee_id, found), _readable(found, reader)
    advice: dict[str, list[UnitAdvice]] = {"lead": [], "co": []}
    for u in found:
        if u.name in units and len(advice[u.role]) < top:
            evidence = [readable[e.ref] for e in u.evidence if e.ref in readable]
            advice[u.role].append(UnitAdvice(units[u.name], u.score, u.role, evidence))
    return advice


def suggest_for_proposal(*, proposal: Proposal, user: User, top: int = 3) -> Advice:
    """The review page's suggestions: staff of the proposal's committee only. Records what
    was shown while the decision is open (acceptance.record_shown)."""
    check_see_review_suggestions(user, proposal)
    committee = proposal.committee
    found, source = answer(committee, proposal.title, proposal.full_text, top=top, units=True)
    units = _unit_advice(committee.pk, found.units, user, top)
    # Kept as shown, so acceptance is later counted against what staff actually saw.
    record_shown(
        proposal=proposal,
        categories=[c.name for c in found.categories],
        lead_unit_ids=[u.unit.pk for u in units["lead"]],
    )
    return Advice(
        categories=found.categories,
        leads=units["lead"],
        co_units=units["co"],
        borrowed_from=None if source == committee.pk else Committee.objects.get(pk=source),
    )


def suggest_while_writing(
    *, user: User, committee: Committee, proposal: Proposal | None, title: str, text: str
) -> list[CategorySuggestion]:
    """The writing page's suggestion: categories only, for whoever may see similar
    proposals while writing (the writer and the committee's office); nothing until the text
    has a few characters."""
    check_see_similar_while_writing(user, committee.pk, proposal)
    if len(f"{title}{text}".strip()) < WRITING_MIN_CHARS:
        return []
    found, _source = answer(committee, title, text, top=3, units=False)
    return found.categories


def suggest_as_data(*, committee: Committee, title: str, text: str, top: int) -> dict:
    """For `manage.py suggest_intake`: names and scores only, units the committee has."""
    found, _source = answer(committee, title, text, top=top, units=True)
    units = _units_by_name(committee.pk, found.units)
    kept, per_role = [], {"lead": 0, "co": 0}
    for u in found.units:
        if u.name in units and per_role[u.role] < top:
            per_role[u.role] += 1
            kept.append({"name": u.name, "score": u.score, "role": u.role})
    return {
        "categories": [{"name": c.name, "score": c.score} for c in found.categories],
        "units": kept,
    }
