"""Outcomes (建议案, 调研视察报告) as records leaders instruct on."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role
from zhengxie.core.permissions import has_role, readable_committee_ids
from zhengxie.instructions.targets import Target, register_target

from .models import Outcome
from .services.outcomes import credit_leader_instruction

OUTCOME = "outcome"


def register() -> None:
    register_target(
        Target(
            kind=OUTCOME,
            label=gettext_lazy("履职成果"),
            queryset=lambda: Outcome.objects.filter(is_deleted=False),
            may_instruct=lambda user, outcome: has_role(
                user, outcome.committee_id, Role.LEADER, rollup=True
            ),
            may_read=lambda user, outcome: outcome.committee_id in readable_committee_ids(user),
            title=lambda outcome: outcome.title,
            url=lambda outcome: reverse("activities:outcome", args=[outcome.pk]),
            on_written=lambda instruction: credit_leader_instruction(
                outcome=instruction.target, instruction=instruction
            ),
        )
    )
