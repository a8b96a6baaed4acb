"""Opinion reports (社情民意): a quarter of the members' count, in every state, with their
reporting members, converted proposals' reports, escalations and leaders' instructions."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from zhengxie.instructions.models import Instruction, InstructionLevel
from zhengxie.opinions.instruction_targets import REPORT
from zhengxie.opinions.models import (
    AdoptionMode,
    Escalation,
    EscalationLevel,
    OpinionReport,
    OpinionState,
)
from zhengxie.proposals.models import Proposal, ProposalState

from .world import ScaleWorld, insert

OS = OpinionState
TZ = ZoneInfo("Asia/Shanghai")
STATES = [
    (OS.SUBMITTED, 10),
    (OS.EDITING, 5),
    (OS.RETURNED, 5),
    (OS.ADOPTED, 40),
    (OS.FORWARDED, 10),
    (OS.DECLINED, 30),
]


def _report(world: ScaleWorld, cid: int, state: str, **extra) -> OpinionReport:
    at = datetime.datetime.combine(world.day(), datetime.time(15), tzinfo=TZ)
    return OpinionReport(
        committee_id=cid,
        title=f"关于民生问题{world.rng.randrange(10**6)}的反映",
        body="群众反映的情况与建议。",
        state=state,
        submitted_at=at,
        decided_at=at if state in (OS.ADOPTED, OS.FORWARDED, OS.DECLINED) else None,
        adoption_mode=world.rng.choice(AdoptionMode.values) if state == OS.ADOPTED else "",
        **extra,
    )


def reports(world: ScaleWorld) -> None:
    states, weights = zip(*STATES, strict=True)
    rows = []
    for cid, share in zip(world.committee_ids, world.spread(world.sizes.members // 4), strict=True):
        rows += [_report(world, cid, s) for s in world.rng.choices(states, weights, k=share)]
    proposal_type = ContentType.objects.get_for_model(Proposal)
    converted = Proposal.objects.filter(
        committee_id__in=world.committee_ids, state=ProposalState.TO_OPINION
    ).values_list("committee_id", "pk")
    for cid, pk in converted.order_by("pk"):
        extra = {"source_type": proposal_type, "source_id": pk, "source_label": "提案转来"}
        rows.append(_report(world, cid, OS.SUBMITTED, **extra))
    created = insert(OpinionReport, rows)
    _authors(world, created)
    _upward(world, [r for r in created if r.state == OS.ADOPTED])
    world.counts["opinion_reports"] = len(created)


def _authors(world: ScaleWorld, created: list[OpinionReport]) -> None:
    through = OpinionReport.members.through
    rows = [
        through(opinionreport_id=r.pk, member_id=world.rng.choice(world.members_of[r.committee_id]))
        for r in created
        if world.members_of.get(r.committee_id)
    ]
    insert(through, rows)


def _upward(world: ScaleWorld, adopted: list[OpinionReport]) -> None:
    escalated = [r for r in adopted if world.rng.random() < 0.3]
    sent_on = datetime.date(2022, 12, 1)
    insert(
        Escalation,
        [
            Escalation(
                committee_id=r.committee_id,
                report_id=r.pk,
                level=EscalationLevel.CITY,
                sent_on=sent_on,
                adopted_on=sent_on if world.rng.random() < 0.5 else None,
            )
            for r in escalated
        ],
    )
    instructed = [r for r in escalated if world.rng.random() < 0.3]
    report_type = ContentType.objects.get_for_model(OpinionReport)
    insert(
        Instruction,
        [
            Instruction(
                committee_id=r.committee_id,
                target_kind=REPORT,
                target_type=report_type,
                target_id=r.pk,
                target_title=r.title,
                target_url=reverse("opinions:detail", args=[r.pk]),
                leader_name="市领导",
                level=InstructionLevel.CITY,
                text="请相关部门研究办理。",
                instructed_on=sent_on,
                is_transcribed=True,
            )
            for r in instructed
        ],
    )
