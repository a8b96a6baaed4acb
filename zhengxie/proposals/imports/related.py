"""The rows hanging off an imported proposal: proposers, assignments, the reply, the rating
and the key-proposal record. Each is compared with what is stored and written only when it
differs, in bulk (a 10,000-row register must import in seconds)."""

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from zhengxie.core.bulk_insert import insert_with_history
from zhengxie.core.models import Member
from zhengxie.core.rules import rule
from zhengxie.core.workdays import add_months

from .. import rules
from ..models import (
    Assignment,
    AssignmentRole,
    Feedback,
    KeyProposal,
    Proposal,
    Proposer,
    Reply,
    ReplyState,
    SupervisorKind,
)
from .validation import RegisterRow

REASON = "提案登记表导入"


def _create(model, objects: list) -> None:
    insert_with_history(model, objects, reason=REASON)


def _grouped(model, proposal_ids: list[int], **filters) -> dict[int, list]:
    groups = defaultdict(list)
    for obj in model.objects.filter(proposal_id__in=proposal_ids, **filters).order_by("id"):
        groups[obj.proposal_id].append(obj)
    return groups


def _wanted_proposers(row: RegisterRow, proposal: Proposal, members) -> list[Proposer]:
    """Names not on the roster are kept by name alone."""
    names = row.proposers[:1] if row.is_collective else [*row.proposers, *row.cosigners]
    return [
        Proposer(
            committee_id=proposal.committee_id,
            proposal=proposal,
            member=None if row.is_collective else members.get(name),
            name=name,
            position=n,
            is_first=n == 0,
        )
        for n, name in enumerate(dict.fromkeys(names))
    ]


def _sync_proposers(pairs, members, stored) -> set[int]:
    changed, create, drop = set(), [], []
    for row, proposal in pairs:
        wanted = _wanted_proposers(row, proposal, members)
        have = stored.get(proposal.pk, [])
        key = [(p.name, p.member_id, p.is_first) for p in wanted]
        if key != [(p.name, p.member_id, p.is_first) for p in have]:
            drop += [p.pk for p in have]
            create += wanted
            changed.add(proposal.pk)
    for proposer in Proposer.objects.filter(pk__in=drop):
        proposer._change_reason = REASON
        proposer.delete()
    _create(Proposer, create)
    return changed


def _wanted_units(row: RegisterRow) -> list[tuple[int, str]]:
    if row.lead is None:
        return []
    units = [(row.lead.pk, AssignmentRole.LEAD)]
    return units + [(u.pk, AssignmentRole.CO) for u in row.co_units if u.pk != row.lead.pk]


def _sync_assignments(pairs, stored, reply_months: int) -> set[int]:
    changed, create, retire = set(), [], []
    for row, proposal in pairs:
        have = stored.get(proposal.pk, [])
        wanted = _wanted_units(row)
        if {(a.unit_id, a.role, a.assigned_on) for a in have} == {
            (unit, role, row.assigned_on) for unit, role in wanted
        }:
            continue
        retire += list(have)
        deadline = add_months(row.assigned_on, reply_months) if row.assigned_on else None
        create += [
            Assignment(
                committee_id=proposal.committee_id,
                proposal=proposal,
                unit_id=unit,
                role=role,
                assigned_on=row.assigned_on,
                deadline=deadline,
                original_deadline=deadline,
            )
            for unit, role in wanted
        ]
        changed.add(proposal.pk)
    for assignment in retire:  # replaced units stay on record, inactive
        assignment.is_active = False
        assignment._change_reason = REASON
        assignment.save(update_fields=["is_active"])
    _create(Assignment, create)
    return changed


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def _sync_replies(pairs) -> set[int]:
    replied = [(row, p) for row, p in pairs if row.replied_on]
    ids = [p.pk for _, p in replied]
    leads = {
        a.proposal_id: a
        for a in Assignment.objects.filter(
            proposal_id__in=ids, role=AssignmentRole.LEAD, is_active=True
        )
    }
    stored = {
        r.assignment_id: r for r in Reply.objects.filter(assignment__in=leads.values(), round=1)
    }
    changed, create = set(), []
    for row, proposal in replied:
        lead = leads[proposal.pk]
        reply = stored.get(lead.pk)
        if reply is None:
            create.append(
                Reply(
                    committee_id=proposal.committee_id,
                    proposal=proposal,
                    assignment=lead,
                    unit_id=lead.unit_id,
                    round=1,
                    result_class=row.result_class,
                    unit_result_class=row.result_class,
                    text="",
                    state=ReplyState.SENT,
                    sent_at=_moment(row.replied_on),
                )
            )
            changed.add(proposal.pk)
        elif (reply.result_class, reply.sent_at) != (row.result_class, _moment(row.replied_on)):
            reply.result_class, reply.sent_at = row.result_class, _moment(row.replied_on)
            reply._change_reason = REASON
            reply.save(update_fields=["result_class", "sent_at"])
            changed.add(proposal.pk)
    _create(Reply, create)
    return changed


def _sync_feedback(pairs) -> set[int]:
    """The register's 评价 is the first proposer's rating of the first reply."""
    rated = [(row, p) for row, p in pairs if row.rating]
    ids = [p.pk for _, p in rated]
    firsts = {p.proposal_id: p for p in Proposer.objects.filter(proposal_id__in=ids, is_first=True)}
    stored = {f.proposer_id: f for f in Feedback.objects.filter(proposal_id__in=ids, round=1)}
    changed, create = set(), []
    for row, proposal in rated:
        first = firsts[proposal.pk]
        feedback = stored.get(first.pk)
        if feedback is None:
            create.append(
                Feedback(
                    committee_id=proposal.committee_id,
                    proposal=proposal,
                    proposer=first,
                    round=1,
                    rating=row.rating,
                )
            )
            changed.add(proposal.pk)
        elif feedback.rating != row.rating:
            feedback.rating = row.rating
            feedback._change_reason = REASON
            feedback.save(update_fields=["rating"])
            changed.add(proposal.pk)
    _create(Feedback, create)
    return changed


def _sync_keys(pairs, year: int) -> set[int]:
    """Key-proposal records the register names; one it no longer names stays on record."""
    keyed = [(row, p) for row, p in pairs if row.is_key]
    stored = {
        k.proposal_id: k for k in KeyProposal.objects.filter(proposal__in=[p for _, p in keyed])
    }
    changed, create = set(), []
    for row, proposal in keyed:
        values = {
            "supervisor_name": row.supervisor_name,
            "supervisor_kind": row.supervisor_kind or SupervisorKind.OTHER,
        }
        key = stored.get(proposal.pk)
        if key is None:
            create.append(
                KeyProposal(
                    committee_id=proposal.committee_id,
                    proposal=proposal,
                    year=year,
                    selected_on=row.assigned_on,
                    **values,
                )
            )
            changed.add(proposal.pk)
        elif any(getattr(key, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(key, name, value)
            key._change_reason = REASON
            key.save(update_fields=list(values))
            changed.add(proposal.pk)
    _create(KeyProposal, create)
    return changed


def sync(*, pairs: list[tuple[RegisterRow, Proposal]], members: dict[str, Member]) -> set[int]:
    """Bring every proposal's related rows to what its row says; returns the proposals whose
    related rows changed."""
    if not pairs:
        return set()
    ids = [p.pk for _, p in pairs]
    plenary = pairs[0][1].plenary
    changed = _sync_proposers(pairs, members, _grouped(Proposer, ids))
    active = _grouped(Assignment, ids, is_active=True)
    changed |= _sync_assignments(pairs, active, rule(plenary.committee_id, rules.REPLY_MONTHS))
    changed |= _sync_replies(pairs)
    changed |= _sync_feedback(pairs)
    return changed | _sync_keys(pairs, plenary.year)


def link_merged(*, pairs: list[tuple[RegisterRow, Proposal]], by_number: dict) -> set[int]:
    """并案: point each merged proposal at the one it was merged into (in the file or stored)."""
    numbered = {**by_number, **{row.number: p for row, p in pairs if row.number}}
    changed = set()
    for row, proposal in pairs:
        target = numbered.get(row.merged_into) if row.merged_into else None
        target_id = target.pk if target else None
        if proposal.merged_into_id != target_id:
            proposal.merged_into_id = target_id
            proposal._change_reason = REASON
            proposal.save(update_fields=["merged_into"])
            changed.add(proposal.pk)
    return changed
