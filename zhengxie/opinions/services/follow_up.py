"""After adoption: sending a report up the ladder, upper levels adopting it, and 批示."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.duty.models import DutyKind

from .. import permissions as perms
from ..models import Escalation, EscalationLevel, Instruction, InstructionLevel, OpinionReport
from ..notifications import INSTRUCTION
from .common import credit_authors, notify_authors, stamp
from .handoffs import provincial_on_platform


def escalate_report(
    *, report: OpinionReport, actor: User, level: str, sent_on: dt.date, note: str = ""
) -> Escalation:
    """Send an adopted report to one level outside the platform. Locks the report; one
    escalation per level. A 省政协 on the platform takes hand-offs instead (handoffs.py)."""
    if level not in EscalationLevel.values:
        raise ValidationError({"level": _("请选择报送层级。")})
    with transaction.atomic():
        report = (
            # Only the report's own row: PostgreSQL cannot lock the nullable side of the
            # outer join to the committee above.
            OpinionReport.objects.select_for_update(of=("self",))
            .select_related("committee__parent__parent")
            .get(pk=report.pk)
        )
        perms.check_follow_up_permission(actor, report)
        if level == EscalationLevel.PROVINCIAL and provincial_on_platform(report.committee):
            raise ValidationError(
                {"level": _("省政协已在平台上，请逐级“报送上级政协”，由上级政协编辑采用。")}
            )
        if report.escalations.filter(level=level).exists():
            raise ValidationError({"level": _("这条信息已报送该层级。")})
        escalation = Escalation(
            committee_id=report.committee_id,
            report=report,
            level=level,
            sent_on=sent_on,
            note=note.strip(),
            created_by=actor,
        )
        stamp(escalation, actor=actor, reason=_("报送上级"))
        escalation.save()
    return escalation


def record_upper_adoption(
    *, escalation: Escalation, actor: User, adopted_on: dt.date
) -> Escalation:
    """The level adopted the report: each member author earns that level's adoption credit."""
    with transaction.atomic():
        escalation = (
            Escalation.objects.select_for_update().select_related("report").get(pk=escalation.pk)
        )
        perms.check_follow_up_permission(actor, escalation.report)
        if escalation.adopted_on:
            raise ValidationError({"adopted_on": _("已登记该层级采用。")})
        if adopted_on < escalation.sent_on:
            raise ValidationError({"adopted_on": _("采用日期不能早于报送日期。")})
        escalation.adopted_on = adopted_on
        stamp(escalation, actor=actor, reason=_("上级采用"))
        escalation.save(update_fields=["adopted_on"])
        credit_authors(
            report=escalation.report,
            kind=DutyKind.OPINION_ADOPTED,
            source=escalation,
            occurred_on=adopted_on,
            role=escalation.level,
        )
        notify_authors(
            report=escalation.report,
            title=_("您的信息被%(level)s采用") % {"level": escalation.get_level_display()},
        )
    return escalation


def _validate_instruction(*, leader_name: str, level: str, text: str) -> None:
    errors = {}
    if not leader_name.strip():
        errors["leader_name"] = _("请填写批示领导。")
    if level not in InstructionLevel.values:
        errors["level"] = _("请选择批示级别。")
    if not text.strip():
        errors["text"] = _("请填写批示内容。")
    if errors:
        raise ValidationError(errors)


def record_instruction(
    *,
    report: OpinionReport,
    actor: User,
    leader_name: str,
    level: str,
    text: str,
    instructed_on: dt.date,
    leader_title: str = "",
) -> Instruction:
    """批示 on an adopted report; each member author earns the instruction credit of its level.
    Locks the report row."""
    _validate_instruction(leader_name=leader_name, level=level, text=text)
    with transaction.atomic():
        report = OpinionReport.objects.select_for_update().get(pk=report.pk)
        perms.check_follow_up_permission(actor, report)
        if report.decided_at and instructed_on < report.decided_at.date():
            raise ValidationError({"instructed_on": _("批示日期不能早于采用日期。")})
        instruction = Instruction(
            committee_id=report.committee_id,
            report=report,
            leader_name=leader_name.strip(),
            leader_title=leader_title.strip(),
            level=level,
            text=text.strip(),
            instructed_on=instructed_on,
            recorded_by=actor,
        )
        stamp(instruction, actor=actor, reason=_("登记批示"))
        instruction.save()
        credit_authors(
            report=report, kind=DutyKind.INSTRUCTION, source=instruction,
            occurred_on=instructed_on, role=level,
        )  # fmt: skip
        title = _("您的信息获%(name)s批示") % {"name": instruction.leader_name}
        notify_authors(kind=INSTRUCTION, report=report, title=title, body=instruction.text)
    return instruction


def record_follow_up(*, instruction: Instruction, actor: User, text: str) -> Instruction:
    """What the departments did about an instruction (落实情况, 部门反馈回函). Locks the row."""
    if not text.strip():
        raise ValidationError({"follow_up": _("请填写落实情况。")})
    with transaction.atomic():
        instruction = (
            Instruction.objects.select_for_update().select_related("report").get(pk=instruction.pk)
        )
        perms.check_follow_up_permission(actor, instruction.report)
        instruction.follow_up = text.strip()
        stamp(instruction, actor=actor, reason=_("登记落实情况"))
        instruction.save(update_fields=["follow_up"])
        notify_authors(
            kind=INSTRUCTION,
            report=instruction.report,
            title=_("您的信息所获批示有了落实情况"),
            body=instruction.follow_up,
        )
    return instruction
