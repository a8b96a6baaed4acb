"""A committee's registered proposals as the engine's examples, in three queries whatever
the register's size: the proposals, their active lead and co-units, the reassignment requests."""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from ..models import Assignment, AssignmentRole, Proposal, ReassignmentRequest
from ..workflow import REGISTERED_STATES
from .engine import Example


def registered_q(committee_id: int, through: str = "") -> Q:
    return Q(
        **{
            f"{through}committee_id": committee_id,
            f"{through}is_deleted": False,
            f"{through}state__in": REGISTERED_STATES,
        }
    )


def register_stamp(committee_id: int) -> tuple[int, int]:
    """How many proposals are registered, and how many of them assigned: when these move
    enough, the model is retrained."""
    figures = Proposal.objects.filter(registered_q(committee_id)).aggregate(
        registered=Count("pk"), assigned=Count("pk", filter=Q(assigned_on__isnull=False))
    )
    return figures["registered"], figures["assigned"]


def _units(committee_id: int) -> tuple[dict, dict, dict]:
    leads, co_units, declined = {}, defaultdict(list), defaultdict(list)
    active = Assignment.objects.filter(
        registered_q(committee_id, "proposal__"),
        is_active=True,
        role__in=[AssignmentRole.LEAD, AssignmentRole.CO],
    ).order_by("id")
    for proposal_id, role, name in active.values_list("proposal_id", "role", "unit__name"):
        if role == AssignmentRole.LEAD:
            leads[proposal_id] = name
        else:
            co_units[proposal_id].append(name)
    asked = ReassignmentRequest.objects.filter(
        registered_q(committee_id, "assignment__proposal__")
    ).values_list("assignment__proposal_id", "assignment__unit__name")
    for proposal_id, name in asked:
        declined[proposal_id].append(name)
    return leads, co_units, declined


def committee_examples(committee_id: int) -> list[Example]:
    leads, co_units, declined = _units(committee_id)
    fields = ("id", "number", "title", "situation", "analysis", "suggestion", "category")
    rows = Proposal.objects.filter(registered_q(committee_id)).order_by("id").values_list(*fields)
    return [
        Example(
            title=title,
            text="\n".join(part for part in (situation, analysis, suggestion) if part),
            category=category,
            lead=leads.get(pk, ""),
            co_units=tuple(co_units.get(pk, ())),
            declined=tuple(declined.get(pk, ())),
            ref=pk,
            label=_("第%(n)s号 %(t)s") % {"n": number, "t": title} if number else title,
        )
        for pk, number, title, situation, analysis, suggestion, category in rows.iterator(
            chunk_size=2000
        )
    ]
