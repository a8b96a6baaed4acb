"""Departments answer the reports the office forwarded to them (转送部门办理), as handling
units answer proposals: the answer reaches the authors and the office."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Role, User
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import Step

from .. import permissions as perms
from ..models import ForwardAnswer, OpinionReport
from ..notifications import ANSWERED, FORWARDED
from .common import notify_authors, stamp

ANSWER_MAX_CHARS = 3000


def answer_forwarded_report(*, report: OpinionReport, actor: User, text: str) -> ForwardAnswer:
    """The department's answer, or its correction. Locks the report row."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写办理情况。")})
    if len(text) > ANSWER_MAX_CHARS:
        raise ValidationError({"text": _("办理情况不能超过%(n)s字。") % {"n": ANSWER_MAX_CHARS}})
    with transaction.atomic():
        report = OpinionReport.objects.select_for_update().get(pk=report.pk)
        perms.check_answer_permission(actor, report)
        answer = ForwardAnswer.objects.filter(report=report).first()
        first = answer is None
        if first:
            answer = ForwardAnswer(
                committee_id=report.committee_id, report=report, unit_id=report.forwarded_unit_id
            )
        answer.text, answer.answered_by, answer.answered_at = text, actor, timezone.now()
        stamp(answer, actor=actor, reason=_("部门答复") if first else _("修改答复"))
        answer.save()
        notify_authors(report=report, title=_("您的信息已有部门答复"), body=text)
        transaction.on_commit(lambda: _tell_office(report))
    return answer


def _tell_office(report: OpinionReport) -> None:
    office = User.objects.filter(
        role_grants__role=Role.STAFF, role_grants__committee_id=report.committee_id
    ).distinct()
    notify(
        kind=ANSWERED,
        recipients=list(office),
        title=_("转送部门已答复：%(title)s") % {"title": report.title[:30]},
        url=reverse("opinions:detail", args=[report.pk]),
    )


def tell_forwarded_unit(step: Step) -> None:
    """After `forward`: the department's liaisons find the report in their workspace."""
    report = step.record
    liaisons = User.objects.filter(
        role_grants__role=Role.UNIT, role_grants__handling_unit_id=report.forwarded_unit_id
    ).distinct()
    notify(
        kind=FORWARDED,
        recipients=list(liaisons),
        title=_("政协转送社情民意信息，请办理：%(title)s") % {"title": report.title[:30]},
        url=reverse("opinions:answer", args=[report.pk]),
    )
