"""The opinion records leaders instruct on: an adopted report, and an issue of 《社情民意》.

An instruction on a report is what makes the report count: each member author earns the
instruction credit of its level and the authors hear of it, whether the leader wrote it here or
the office transcribed a paper one."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role
from zhengxie.core.permissions import has_role
from zhengxie.duty.models import DutyKind
from zhengxie.instructions.targets import Target, register_target

from . import permissions as perms
from .models import BulletinIssue, OpinionReport, OpinionState
from .notifications import INSTRUCTION
from .services.common import credit_authors, notify_authors

REPORT = "opinion_report"
BULLETIN = "bulletin"


def _is_leader(user, record) -> bool:
    return has_role(user, record.committee_id, Role.LEADER, rollup=True)


def _credit_report(instruction) -> None:
    report = instruction.target
    credit_authors(report=report, kind=DutyKind.INSTRUCTION, source=instruction,
                   occurred_on=instruction.instructed_on, role=instruction.level)  # fmt: skip
    title = _("您的信息获%(name)s批示") % {"name": instruction.leader_name}
    notify_authors(kind=INSTRUCTION, report=report, title=title, body=instruction.text)


def register() -> None:
    register_target(
        Target(
            kind=REPORT,
            label=gettext_lazy("社情民意信息"),
            queryset=lambda: OpinionReport.objects.filter(is_deleted=False),
            may_instruct=lambda user, report: (
                report.state == OpinionState.ADOPTED and _is_leader(user, report)
            ),
            may_read=lambda user, report: (
                report.state == OpinionState.ADOPTED and perms.can_read_report(user, report)
            ),
            title=lambda report: report.title,
            url=lambda report: reverse("opinions:detail", args=[report.pk]),
            on_written=_credit_report,
        )
    )
    register_target(
        Target(
            kind=BULLETIN,
            label=gettext_lazy("《社情民意》期刊"),
            queryset=lambda: BulletinIssue.objects.all(),
            may_instruct=_is_leader,
            may_read=lambda user, issue: perms.can_read_bulletins(user, issue.committee_id),
            title=str,
            url=lambda issue: reverse("opinions:bulletin", args=[issue.pk]),
        )
    )
