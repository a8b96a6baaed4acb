"""What the committees page (政协管理) and a committee's 届次与会议 page show: the committee
tree with each committee's current term and plenary, the terms with their plenaries, and who
changed them when."""

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.translation import gettext as _

from .history import FieldChange, HistoryEntry, history_of_versions
from .models import Committee, CommitteeLevel, Plenary, Term, User
from .permissions import committee_admin_ids
from .selectors import plenaries_open_by

# A province above its cities above their counties, whatever the codes sort as.
LEVEL_RANK = {CommitteeLevel.PROVINCIAL: 0, CommitteeLevel.CITY: 1, CommitteeLevel.COUNTY: 2}


@dataclass(frozen=True)
class CommitteeRow:
    committee: Committee
    depth: int  # 0 for a committee whose parent the person does not manage
    current_term: Term | None
    current_plenary: Plenary | None


def _tree_order(committees: list[Committee]) -> list[tuple[Committee, int]]:
    present = {c.pk for c in committees}
    children = defaultdict(list)
    for c in committees:
        children[c.parent_id if c.parent_id in present else None].append(c)
    ordered, stack = [], [(c, 0) for c in reversed(_sorted(children[None]))]
    while stack:
        committee, depth = stack.pop()
        ordered.append((committee, depth))
        stack.extend((c, depth + 1) for c in reversed(_sorted(children[committee.pk])))
    return ordered


def _sorted(committees: list[Committee]) -> list[Committee]:
    return sorted(committees, key=lambda c: (LEVEL_RANK.get(c.level, 9), c.pk))


def list_committee_tree(*, user: User, on: dt.date) -> list[CommitteeRow]:
    """The committees the person manages as a tree (province, its cities, each city's
    counties), each with its current term and current plenary. Three queries at any size: the
    current plenary is picked by a subquery, not one query per committee."""
    latest = plenaries_open_by(on).filter(committee_id=OuterRef("pk")).values("pk")[:1]
    committees = list(
        Committee.objects.filter(pk__in=committee_admin_ids(user))
        .select_related("parent")
        .annotate(current_plenary_id=Subquery(latest))
    )
    ids = [c.pk for c in committees]
    terms = {t.committee_id: t for t in Term.objects.filter(committee_id__in=ids, is_current=True)}
    plenary_ids = [c.current_plenary_id for c in committees if c.current_plenary_id]
    plenaries = Plenary.objects.select_related("term").in_bulk(plenary_ids)
    return [
        CommitteeRow(c, depth, terms.get(c.pk), plenaries.get(c.current_plenary_id))
        for c, depth in _tree_order(committees)
    ]


def list_terms(*, committee: Committee) -> list[Term]:
    """The committee's terms, newest first, each with its plenaries in order (two queries)."""
    plenaries = Plenary.objects.order_by("session", "opens_on")
    return list(
        Term.objects.filter(committee=committee)
        .order_by("-number")
        .prefetch_related(Prefetch("plenaries", queryset=plenaries))
    )


@dataclass(frozen=True)
class SessionChange:
    subject: str  # "第5届", or the plenary's name
    entry: HistoryEntry


def _term_shown(committee_id: int) -> dict:
    """A plenary's term as "第5届" in its history, under a Chinese label (the field has none)."""
    numbers = dict(Term.objects.filter(committee_id=committee_id).values_list("id", "number"))
    return {"term": lambda pk: _("第%(n)s届") % {"n": numbers.get(pk, pk)}}


def _plenary_entries(versions: list, shown: dict) -> list[HistoryEntry]:
    label = _("所属届")
    return [
        dataclasses.replace(
            entry,
            changes=[
                FieldChange(label, c.old, c.new) if c.field == "term" else c for c in entry.changes
            ],
        )
        for entry in history_of_versions(Plenary, versions, shown)
    ]


def get_plenary_history(plenary: Plenary, limit: int = 200) -> list[HistoryEntry]:
    versions = list(plenary.history.select_related("history_user").order_by("-history_id")[:limit])
    return _plenary_entries(versions, _term_shown(plenary.committee_id))


def _changes(versions: list, subject, entries_of) -> list[SessionChange]:
    by_record = defaultdict(list)
    for version in versions:
        by_record[version.id].append(version)
    return [
        SessionChange(subject(rows[0]), entry)
        for rows in by_record.values()
        for entry in entries_of(rows)
    ]


def list_session_changes(*, committee: Committee, limit: int = 100) -> list[SessionChange]:
    """Who changed the committee's terms and plenaries, when and how, newest first; two
    queries, and one for the terms' numbers."""
    terms = list(
        Term.history.filter(committee_id=committee.pk)
        .select_related("history_user")
        .order_by("-history_id")[:limit]
    )
    plenaries = list(
        Plenary.history.filter(committee_id=committee.pk)
        .select_related("history_user")
        .order_by("-history_id")[:limit]
    )
    shown = _term_shown(committee.pk)
    changes = _changes(
        terms,
        lambda t: _("第%(n)s届") % {"n": t.number},
        lambda rows: history_of_versions(Term, rows),
    )
    changes += _changes(plenaries, lambda p: p.name, lambda rows: _plenary_entries(rows, shown))
    return sorted(changes, key=lambda c: c.entry.when, reverse=True)[:limit]
