"""After adoption: sending a report up the ladder and upper levels adopting it. Leaders'
instructions (批示), the paper ones the office transcribes included, are the instructions
app's (instruction_targets.py says what one sets off on a report)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.duty.models import DutyKind

from .. import permissions as perms
from ..models import Escalation, EscalationLevel, OpinionReport
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
