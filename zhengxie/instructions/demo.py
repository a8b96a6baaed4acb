"""The demo's paper instructions, seen through as an office sees one through: typed in (登记批示)
the day after the leader wrote it, passed to the department concerned, the department's
落实反馈 before its deadline and the office's acceptance, each step dated when it took place,
so no instruction of a past year waits in today's queues."""

import datetime as dt
import random

from django.utils import timezone

from zhengxie.core.models import Committee, HandlingUnit, Role, RoleGrant, User
from zhengxie.core.workflow import apply

from .models import Instruction
from .services import transcribe_instruction
from .targets import Target

FEEDBACK_TEXTS = [
    "已按批示要求专题研究，制定落实方案，明确责任科室和完成时限，相关工作正在推进。",
    "已会同有关部门实地调研，吸收建议内容，纳入本年度工作要点，近期将出台具体措施。",
    "已召开局党组会传达学习批示精神，逐条研究所提建议，已落实三项，其余列入下半年计划。",
]


def liaisons(committee: Committee) -> list[tuple[HandlingUnit, User]]:
    """The committee's departments that have a liaison to report back, in a fixed order."""
    grants = RoleGrant.objects.filter(
        committee=committee, role=Role.UNIT, handling_unit__isnull=False, user__is_active=True
    ).select_related("handling_unit", "user")
    by_unit = {grant.handling_unit: grant.user for grant in grants.order_by("id")}
    return sorted(by_unit.items(), key=lambda pair: pair[0].pk)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 30)))


def see_through(
    *,
    target: Target,
    record,
    office: User,
    department: tuple[HandlingUnit, User],
    leader_name: str,
    level: str,
    text: str,
    instructed_on: dt.date,
    rng: random.Random,
    leader_title: str = "",
) -> Instruction:
    """Types in one paper instruction and takes it to 已办结 through the workflow."""
    unit, liaison = department
    typed = _at(instructed_on + dt.timedelta(days=1), 9)
    instruction = transcribe_instruction(
        target=target,
        record=record,
        actor=office,
        leader_name=leader_name,
        leader_title=leader_title,
        level=level,
        text=text,
        instructed_on=instructed_on,
        unit=unit,
        at=typed,
    )
    reported = typed + dt.timedelta(days=rng.randrange(5, 15), hours=rng.randrange(6))
    feedback = rng.choice(FEEDBACK_TEXTS)
    instruction = apply(instruction, "report", liaison, text=feedback, at=reported)
    return apply(instruction, "accept", office, at=reported + dt.timedelta(days=2))
