"""Points schemes and annual tasks: seeded from duty/schemes.py, edited by office staff.
Every change recomputes the committee's open years in the background."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from zhengxie.core.models import Committee, User
from zhengxie.core.services.rules import set_rule

from ..models import AnnualTask, PointsGroup, PointsRule, PointsScheme
from ..permissions import check_manage_duty_permission
from ..schemes import DEFAULT_SCHEME, FIVE_ONES, SCHEMES

# The history reason of the rows a committee is given from duty/schemes.py.
SEEDED = gettext_lazy("初始积分方案")


def _create_scheme(committee: Committee, data: dict, *, active: bool) -> PointsScheme:
    scheme = PointsScheme.objects.create(
        committee=committee,
        code=data["code"],
        name=data["name"],
        kind=data["kind"],
        full_marks=Decimal(data["full_marks"]),
        source=data["source"],
        is_active=active,
    )
    groups = {}
    for code, name, combine, base, ceiling, floor in data["groups"]:
        groups[code] = PointsGroup.objects.create(
            scheme=scheme,
            code=code,
            name=name,
            combine=combine,
            base=base,
            ceiling=ceiling,
            floor=floor,
        )
    bulk_create_with_history(
        [
            PointsRule(
                scheme=scheme,
                kind=kind,
                role=role,
                points=Decimal(str(points)),
                annual_cap=None if cap is None else Decimal(str(cap)),
                group=groups.get(group),
            )
            for kind, role, points, cap, group in data["rules"]
        ],
        PointsRule,
        default_change_reason=str(SEEDED),
    )
    return scheme


def ensure_rules(*, committee: Committee) -> None:
    """Give a committee the shipped schemes and five ones once; never overwrites edits."""
    with transaction.atomic():
        Committee.objects.select_for_update().filter(pk=committee.pk).first()
        existing = set(
            PointsScheme.objects.filter(committee=committee).values_list("code", flat=True)
        )
        any_active = PointsScheme.objects.filter(committee=committee, is_active=True).exists()
        for data in SCHEMES:
            if data["code"] not in existing:
                active = not any_active and data["code"] == DEFAULT_SCHEME
                _create_scheme(committee, data, active=active)
        if not AnnualTask.objects.filter(committee=committee).exists():
            bulk_create_with_history(
                [
                    AnnualTask(committee=committee, code=code, name=name, acts=acts, sort_order=i)
                    for i, (code, name, acts) in enumerate(FIVE_ONES)
                ],
                AnnualTask,
                default_change_reason=str(SEEDED),
            )


def _after_change(committee: Committee) -> None:
    from ..tasks import recompute_open_years

    transaction.on_commit(lambda: recompute_open_years.enqueue(committee_id=committee.pk))


def activate_scheme(*, actor: User, committee: Committee, scheme: PointsScheme) -> PointsScheme:
    """Make one scheme the committee's; locks the committee's schemes."""
    check_manage_duty_permission(actor, committee)
    if scheme.committee_id != committee.pk:
        raise ValueError("积分方案不属于该政协。")
    with transaction.atomic():
        rows = list(PointsScheme.objects.select_for_update().filter(committee=committee))
        for row in rows:
            if row.is_active and row.pk != scheme.pk:
                row.is_active = False
                row.save(update_fields=["is_active"])
        scheme.is_active = True
        scheme.save(update_fields=["is_active"])
        _after_change(committee)
    return scheme


def save_rule(*, actor: User, rule: PointsRule) -> PointsRule:
    """Create or change one rule (validated by its form); the scheme row is locked."""
    committee = rule.scheme.committee
    check_manage_duty_permission(actor, committee)
    with transaction.atomic():
        PointsScheme.objects.select_for_update().filter(pk=rule.scheme_id).first()
        rule.save()
        _after_change(committee)
    return rule


def delete_rule(*, actor: User, rule: PointsRule) -> None:
    committee = rule.scheme.committee
    check_manage_duty_permission(actor, committee)
    with transaction.atomic():
        PointsScheme.objects.select_for_update().filter(pk=rule.scheme_id).first()
        rule.delete()
        _after_change(committee)


def save_group(*, actor: User, group: PointsGroup) -> PointsGroup:
    committee = group.scheme.committee
    check_manage_duty_permission(actor, committee)
    with transaction.atomic():
        PointsScheme.objects.select_for_update().filter(pk=group.scheme_id).first()
        group.save()
        _after_change(committee)
    return group


def save_task(*, actor: User, task: AnnualTask) -> AnnualTask:
    check_manage_duty_permission(actor, task.committee)
    with transaction.atomic():
        task.save()
        _after_change(task.committee)
    return task


def save_evaluation(*, actor: User, committee: Committee, values: dict) -> None:
    """Store the evaluation rules (rule key -> value, as EvaluationForm.rule_values gives
    them); each is checked against its declaration and nothing is stored if one fails."""
    check_manage_duty_permission(actor, committee)
    with transaction.atomic():
        for key, value in values.items():
            set_rule(actor=actor, committee=committee, key=key, value=value, reason=_("考评设置"))
        _after_change(committee)
