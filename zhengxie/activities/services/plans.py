"""年度协商计划: topics are collected, then approved into the plan or declined."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, User

from ..models import ActivityKind, ConsultationPlan, PlanTopic
from ..permissions import check_manage_activity_permission
from ..steps import take


def open_plan(*, actor: User | None, committee: Committee, year: int) -> ConsultationPlan:
    if actor is not None:
        check_manage_activity_permission(actor, committee.pk)
    plan, _created = ConsultationPlan.objects.get_or_create(
        committee=committee,
        year=year,
        defaults={"title": _("%(c)s%(y)s年度协商计划") % {"c": committee.display_name, "y": year}},
    )
    return plan


def collect_topic(
    *,
    actor: User | None,
    plan: ConsultationPlan,
    title: str,
    kind: ActivityKind,
    reason: str = "",
    proposed_by: str = "",
    quarter: int | None = None,
) -> PlanTopic:
    if actor is not None:
        check_manage_activity_permission(actor, plan.committee_id)
    if not title.strip():
        raise ValidationError({"title": _("请填写议题。")})
    if kind.committee_id != plan.committee_id:
        raise ValidationError({"kind": _("协商形式不属于本级政协。")})
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("计划季度应为 1 至 4。")})
    topic = PlanTopic(
        plan=plan,
        committee_id=plan.committee_id,
        title=title.strip(),
        kind=kind,
        reason=reason,
        proposed_by=proposed_by,
        quarter=quarter,
    )
    topic._history_user = actor
    topic.save()
    return topic


def stamp_decider(step) -> None:
    """A decided topic says who decided it (also when the office overrides it)."""
    step.touch(decided_by=step.actor)


def decide_topic(*, actor: User | None, topic: PlanTopic, approve: bool) -> PlanTopic:
    """主席会议审定: a collected topic enters the plan or is declined."""
    return take(topic, "approve" if approve else "decline", actor)
