"""Proposal test factories with keyword-only defaults, built through the services so every
record is in a state the workflow could have produced."""

import itertools

from zhengxie.core import factories as core
from zhengxie.core.models import Committee, HandlingUnit, Member, Plenary, Role, User

from . import services
from .models import Proposal, ProposerKind

_sequence = itertools.count(1)

SECTIONS = {
    "situation": "我市老旧小区普遍缺少停车位，居民反映强烈。",
    "analysis": "规划滞后，公共停车设施建设资金不足。",
    "suggestion": "一是挖潜增加车位；二是推行错时共享停车。",
}


def make_plenary(*, committee: Committee, code: str = "5-1", year: int = 2022) -> Plenary:
    return Plenary.objects.filter(committee=committee, code=code).first() or core.make_plenary(
        committee=committee, code=code, year=year
    )


def make_proposer(*, committee: Committee) -> User:
    """A member with an account: the user holds the member role and a Member row."""
    return core.make_member(committee=committee, with_account=True).user


def make_draft(
    *, committee: Committee, author: User | None = None, kind: str = ProposerKind.INDIVIDUAL, **data
) -> Proposal:
    author = author or make_proposer(committee=committee)
    n = next(_sequence)
    fields = {"title": f"关于解决停车难问题{n}的建议", "category": "城乡建设", **SECTIONS}
    fields.update(data)
    if kind not in (ProposerKind.INDIVIDUAL, ProposerKind.JOINT):
        fields.setdefault("body_name", "民进随州市委员会")
    return services.create_draft(author=author, committee=committee, proposer_kind=kind, **fields)


def make_submitted(
    *, committee: Committee, cosigners: list[Member] | None = None, **data
) -> Proposal:
    """A submitted proposal; the current plenary's intake window is open (see make_plenary)."""
    plenary = make_plenary(committee=committee)
    proposal = make_draft(committee=committee, **data)
    proposal = services.submit_proposal(
        proposal=proposal, actor=proposal.created_by, cosigners=cosigners
    )
    assert proposal.plenary_id == plenary.pk
    return proposal


def make_registered(*, committee: Committee, office: User | None = None, **data) -> Proposal:
    office = office or core.make_user(role=Role.STAFF, committee=committee)
    proposal = make_submitted(committee=committee, **data)
    return services.register_proposal(proposal=proposal, actor=office)


def make_unit_user(*, committee: Committee, unit: HandlingUnit | None = None) -> User:
    unit = unit or core.make_handling_unit(committee=committee)
    return core.make_user(role=Role.UNIT, committee=committee, handling_unit=unit)


def unit_of(user: User) -> HandlingUnit:
    return user.role_grants.get(role=Role.UNIT).handling_unit


def make_assigned(
    *, committee: Committee, office: User | None = None, lead_user: User | None = None, **data
) -> tuple[Proposal, User]:
    """A proposal assigned to one lead unit; returns it with the lead unit's liaison."""
    office = office or core.make_user(role=Role.STAFF, committee=committee)
    lead_user = lead_user or make_unit_user(committee=committee)
    proposal = make_registered(committee=committee, office=office, **data)
    proposal = services.assign_proposal(proposal=proposal, actor=office, lead=unit_of(lead_user))
    return proposal, lead_user


def make_co_assigned(*, committee: Committee, office: User) -> tuple[Proposal, User, User]:
    """A proposal assigned to a lead unit and one co-unit; returns it with both liaisons."""
    proposal = make_registered(committee=committee, office=office)
    lead_user = make_unit_user(committee=committee)
    co_user = make_unit_user(committee=committee)
    proposal = services.assign_proposal(
        proposal=proposal, actor=office, lead=unit_of(lead_user), co_units=[unit_of(co_user)]
    )
    return proposal, lead_user, co_user


def make_replied(
    *, committee: Committee, office: User | None = None, result_class: str = "A", **data
) -> Proposal:
    office = office or core.make_user(role=Role.STAFF, committee=committee)
    proposal, unit_user = make_assigned(committee=committee, office=office, **data)
    reply = services.draft_reply(
        proposal=proposal, actor=unit_user, result_class=result_class, text="已建成停车场两处。"
    )
    services.send_reply(reply=reply, actor=unit_user)
    reply.refresh_from_db()
    services.approve_reply(reply=reply, actor=office)
    proposal.refresh_from_db()
    return proposal
