"""One committee's plenary of proposals, built through the services (history, notifications,
numbering and duty credits happen as in real use), each act dated in the plenary's year the way
the office enters paper records later (the services' `at`, `registered_on`, `assigned_on`)."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from zhengxie.core.demo import DemoWorld, Rota, demo_login, office_login
from zhengxie.core.models import Committee, HandlingUnit, Member, Plenary, Role, RoleGrant, User

from .. import services
from ..models import Proposal, ProposerKind
from .texts import lead_unit_for, proposer_kind_of, reply_text

# Leaders who lead key proposals (the review: 14 by city leaders, 9 by chair-meeting members).
PARTY_GOV = ["市委书记", "市长", "市委副书记", "常务副市长", "市委常委、宣传部部长", "副市长"]
CHAIR = ["市政协主席", "市政协副主席", "市政协秘书长"]


@dataclass(frozen=True)
class PlenaryPlan:
    registered: int
    merged: int
    declined: int
    to_opinion: int
    to_letter: int
    withdrawn: int
    key_party_gov: int
    key_chair: int
    redo: int


@dataclass
class Ctx:
    world: DemoWorld
    committee: Committee
    office: User
    units: list[HandlingUnit]
    members: list[Member]
    liaisons: dict[int, User] = field(default_factory=dict)
    rota: Rota | None = None

    def __post_init__(self):
        self.rota = Rota(self.members, self.world.rng)


def _liaison(ctx: Ctx, unit: HandlingUnit) -> User:
    """Each unit's liaison account (the city housing bureau's is the demo's `unit` login),
    made by the committee's office."""
    if unit.pk not in ctx.liaisons:
        grant = (
            RoleGrant.objects.filter(handling_unit=unit, role=Role.UNIT)
            .select_related("user")
            .first()
        )
        ctx.liaisons[unit.pk] = (
            grant.user
            if grant is not None
            else demo_login(
                staff=ctx.office,
                committee=unit.committee,
                role=Role.UNIT,
                username=f"unit_{unit.pk}",
                name=f"{unit.name} 联络员",
                handling_unit=unit,
            )
        )
    return ctx.liaisons[unit.pk]


# How many members a paper proposal names: an individual one its author; a joint one its
# signers as the text gives them (3 to 12; 3 to 8 where the text gives none); a party's or
# sector's proposal the members who drafted it for the body. The office takes the members in
# turns (Rota), as it does when it gathers co-signers so that every member is on a proposal.
JOINT_SIGNERS = (3, 12)
JOINT_SIGNERS_UNNAMED = (3, 8)
BODY_DRAFTERS = (2, 5)


def _proposers(ctx: Ctx, row: dict, first: Member | None) -> list[Member]:
    rng = ctx.world.rng
    if row["kind"] == "individual":
        count = 1
    elif row["kind"] == "joint":
        signers = int(row["signers"] or 0)
        low, high = JOINT_SIGNERS
        count = min(max(signers, low), high) if signers else rng.randint(*JOINT_SIGNERS_UNNAMED)
    else:
        count = rng.randint(*BODY_DRAFTERS)
    people = ctx.rota.take(count)
    if first is not None and first not in people:
        people[0] = first
    return people


def submit(ctx: Ctx, row: dict, when: dt.datetime, first: Member | None = None) -> Proposal:
    kind = proposer_kind_of(row)
    proposal = services.create_draft(
        author=ctx.office,
        committee=ctx.committee,
        proposers=_proposers(ctx, row, first),
        title=row["title"],
        category=row["category"],
        proposer_kind=kind,
        body_name=row["body_name"]
        if kind not in (ProposerKind.INDIVIDUAL, ProposerKind.JOINT)
        else "",
        situation=row["situation"],
        analysis=row["analysis"],
        suggestion=row["suggestion"],
        suggested_unit=lead_unit_for(ctx.units, row["category"], ctx.world.rng),
    )
    return services.submit_proposal(proposal=proposal, actor=ctx.office, submitted_at=when)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def seed_plenary(
    world: DemoWorld, code: str, plan: PlenaryPlan, rows, plenary: Plenary | None = None
) -> None:
    committee, plenary = world.committees[code], plenary or world.plenaries[code]
    ctx = Ctx(
        world,
        committee,
        office_login(world, committee),
        list(HandlingUnit.objects.filter(committee=committee)),
        list(Member.objects.filter(committee=committee)),
    )
    rng, span = world.rng, (plenary.intake_closes_on - plenary.intake_opens_on).days
    first = getattr(world.accounts.get("member"), "member", None) if code == "suizhou" else None
    total = (
        plan.registered
        + plan.merged
        + plan.declined
        + plan.to_opinion
        + plan.to_letter
        + plan.withdrawn
    )
    proposals = [
        submit(
            ctx,
            next(rows),
            _at(plenary.intake_opens_on + dt.timedelta(days=rng.randrange(span + 1))),
            first=first if index in (3, 40) else None,
        )
        for index in range(total)
    ]
    registered_on = plenary.closes_on + dt.timedelta(days=10)
    reviewed = _at(registered_on)  # the review committee's sitting decides every proposal
    registered = [
        services.register_proposal(
            proposal=p, actor=ctx.office, registered_on=registered_on, at=reviewed
        )
        for p in proposals[: plan.registered]
    ]
    _decide_rest(ctx, proposals[plan.registered :], registered, plan, at=reviewed)
    assigned_on = registered_on + dt.timedelta(days=30)
    for index, proposal in enumerate(registered):
        handle(ctx, proposal, assigned_on, redo=index < plan.redo)
    _keys(ctx, registered, plan, assigned_on)


def _decide_rest(
    ctx: Ctx,
    rest: list[Proposal],
    registered: list[Proposal],
    plan: PlenaryPlan,
    *,
    at: dt.datetime,
) -> None:
    """The review's other decisions, taken at the same sitting as the registrations (`at`)."""
    rng, office = ctx.world.rng, ctx.office
    steps = (
        [
            lambda p: services.merge_proposal(
                proposal=p,
                into=rng.choice(registered),
                actor=office,
                reason="与已立案提案内容相近，经与提案者协商并案办理",
                at=at,
            )
        ]
        * plan.merged
        + [
            lambda p: services.decline_proposal(
                proposal=p,
                actor=office,
                grounds=[rng.choice(["vague", "academic", "personal"])],
                reason="经提案审查委员会审查，不予立案，已向提案者说明",
                at=at,
            )
        ]
        * plan.declined
        + [
            lambda p: services.convert_to_opinion(
                proposal=p, actor=office, reason="反映情况较为集中，转作社情民意信息报送", at=at
            )
        ]
        * plan.to_opinion
        + [
            lambda p: services.convert_to_letter(
                proposal=p, actor=office, reason="属个案问题，转委员来信办理", at=at
            )
        ]
        * plan.to_letter
        + [
            lambda p: services.withdraw_proposal(
                proposal=p,
                actor=office,
                reason="问题已在交办前解决，提案者申请撤案",
                at=at,
            )
        ]
        * plan.withdrawn
    )
    for proposal, step in zip(rest, steps, strict=True):
        step(proposal)


def handle(ctx: Ctx, proposal: Proposal, assigned_on: dt.date, *, redo: bool) -> None:
    """Assign, contact, reply, approve and rate (a redo first rates 不满意 and replies again)."""
    rng = ctx.world.rng
    lead = proposal.suggested_unit or rng.choice(ctx.units)
    co = [u for u in rng.sample(ctx.units, 1) if u != lead] if rng.random() < 0.35 else []
    services.assign_proposal(
        proposal=proposal, actor=ctx.office, lead=lead, co_units=co, assigned_on=assigned_on
    )
    liaison = _liaison(ctx, lead)
    if rng.random() < 0.94:
        services.record_contact(
            proposal=proposal,
            actor=liaison,
            contacted_on=assigned_on + dt.timedelta(days=rng.randrange(5, 20)),
            form=rng.choice(["visit", "meeting", "inspection", "phone"]),
            people="分管负责人、经办科室、提案者",
        )
    replied_on = assigned_on + dt.timedelta(days=rng.randrange(40, 85))
    _reply(ctx, proposal, lead, co, replied_on)
    proposers = list(services.feedback.raters_of(proposal))
    if redo:
        services.rate_reply(
            proposal=proposal,
            actor=ctx.office,
            rating="dissatisfied",
            comment="答复未回应具体建议，希望进一步落实",
            on_behalf_of=proposers[0],
            at=_at(replied_on + RATED_AFTER),
        )
        replied_on += dt.timedelta(days=25)
        _reply(ctx, proposal, lead, co, replied_on)
    for proposer in proposers:
        rating = "satisfied" if rng.random() < 0.9 else "basically"
        services.rate_reply(
            proposal=proposal,
            actor=ctx.office,
            rating=rating,
            on_behalf_of=proposer,
            at=_at(replied_on + RATED_AFTER),
        )


# The proposers' paper ratings reach the office this long after the reply; the unit sends its
# draft to review (报送) three days before the office sends the reply out, at 15:00.
RATED_AFTER = dt.timedelta(days=9)
IN_REVIEW = dt.timedelta(days=3)


def _reply(
    ctx: Ctx, proposal: Proposal, lead: HandlingUnit, co: list[HandlingUnit], day: dt.date
) -> None:
    proposal.refresh_from_db()
    liaison, rng = _liaison(ctx, lead), ctx.world.rng
    sent = _at(day, 15)
    result = rng.choices(["A", "B", "C"], weights=[42, 55, 3])[0]
    reply = services.draft_reply(
        proposal=proposal,
        actor=liaison,
        result_class=result,
        text=reply_text(proposal, lead, result),
        summary=f"{lead.name}已就该提案作出答复。",
        signer="分管负责人",
        handler="经办科室",
        contact_phone="0722-3281234",
        publish_mode=rng.choice(["full", "full", "summary"]),
        at=sent - IN_REVIEW,
    )
    reply = services.send_reply(reply=reply, actor=liaison, at=sent - IN_REVIEW)
    for unit in co:
        services.add_co_opinion(
            reply=reply,
            actor=_liaison(ctx, unit),
            text="同意主办单位答复意见，我单位将积极配合落实。",
            at=sent - dt.timedelta(days=1),
        )
    reply.refresh_from_db()
    services.approve_reply(reply=reply, actor=ctx.office, at=sent)


def _keys(ctx: Ctx, registered: list[Proposal], plan: PlenaryPlan, assigned_on: dt.date) -> None:
    world, rng = ctx.world, ctx.world.rng
    chosen = rng.sample(registered, plan.key_party_gov + plan.key_chair)
    for index, proposal in enumerate(chosen):
        party = index < plan.key_party_gov
        account = (
            world.accounts.get("leader" if party else "chair")
            if ctx.committee.code == "suizhou" and index % 5 == 0
            else None
        )
        titles = PARTY_GOV if party else CHAIR
        key = services.select_key_proposal(
            proposal=proposal,
            actor=ctx.office,
            supervisor=account,
            supervisor_name=str(account) if account else titles[index % len(titles)],
            supervisor_kind="party_gov" if party else "chair",
        )
        services.log_supervision(
            key=key,
            actor=ctx.office,
            happened_on=assigned_on + dt.timedelta(days=rng.randrange(20, 60)),
            form=rng.choice(["inspection", "symposium", "consultation", "visit"]),
            participants="督办领导、提案者、承办单位负责人",
            notes="实地察看办理进展，听取承办单位汇报，协调解决具体问题。",
        )
