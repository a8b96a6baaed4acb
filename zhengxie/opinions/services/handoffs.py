"""逐级报送 between committees on the platform: an adopted report goes up to the committee
above as a new report in that committee's editing queue, linked to the one it came from.
The upper office decides it with the same workflow; each decision flows back down to every
report it came from, and an adoption there credits the original's member authors once more
(the upper committee's report is its source, so each level counts once).

Bodies that are not on the platform (市委市政府, 全国政协, or a 省政协 not yet on it) stay
`Escalation` rows the office records by hand (follow_up.py)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, CommitteeLevel, User
from zhengxie.core.workflow import Step, apply, workflow_of

from .. import permissions as perms
from ..models import AuthorBodyKind, OpinionReport, OpinionState
from .common import notify_authors, stamp


def provincial_on_platform(committee: Committee) -> bool:
    """Whether a 省政协 above the committee runs on the platform (then 报送省政协 is a hand-off,
    not a hand-kept escalation)."""
    upper = committee.parent
    while upper is not None:
        if upper.level == CommitteeLevel.PROVINCIAL:
            return True
        upper = upper.parent
    return False


def lower_reports(report: OpinionReport) -> list[OpinionReport]:
    """The reports this one came from, nearest first; the last is the member's original."""
    chain = []
    while report.escalated_from_id is not None:
        report = OpinionReport.objects.select_related("committee").get(pk=report.escalated_from_id)
        chain.append(report)
    return chain


def original_of(report: OpinionReport) -> OpinionReport:
    chain = lower_reports(report)
    return chain[-1] if chain else report


def _tell_lower(report: OpinionReport, *, actor: User | None, text: str, body: str = "") -> None:
    """The word from above reaches every report below, in its history, and its authors."""
    chain = lower_reports(report)
    for lower in chain:
        lower.upper_decision = text[:120]
        stamp(lower, actor=actor, reason=text)
        lower.save(update_fields=["upper_decision"])
    if chain:
        notify_authors(report=chain[-1], title=text, body=body)


def hand_off_report(
    *, report: OpinionReport, actor: User, note: str = "", at: dt.datetime | None = None
) -> OpinionReport:
    """The office sends an adopted report to the committee above; it arrives there submitted,
    with the lower committee as the reporting body. One hand-off per report. Locks the row.
    `at`: a hand-off made earlier and entered now is dated when it was made."""
    with transaction.atomic():
        report = (
            # Only the report's own row: PostgreSQL cannot lock the nullable side of the
            # outer join to the committee above.
            OpinionReport.objects.select_for_update(of=("self",))
            .select_related("committee__parent")
            .get(pk=report.pk)
        )
        perms.check_follow_up_permission(actor, report)
        upper = report.committee.parent
        if upper is None:
            raise ValidationError({"committee": _("本级政协没有在平台上的上级政协。")})
        if report.handoffs.filter(is_deleted=False).exists():
            raise ValidationError({"committee": _("这条信息已报送上级政协。")})
        handed = OpinionReport(
            committee=upper,
            title=report.title,
            body=report.body,
            category=report.category,
            body_kind=AuthorBodyKind.OTHER,
            body_name=report.committee.display_name,
            created_by=actor,
            escalated_from=report,
        )
        stamp(handed, actor=actor, reason=_("下级政协报送"), at=at)
        handed.save()
        dated = {"at": at} if at else {}
        handed = apply(
            handed, "submit", actor, workflow=workflow_of(handed), reason=note.strip(), **dated
        )
        text = _("已报送%(committee)s") % {"committee": upper.display_name}
        _tell_lower(handed, actor=actor, text=text, body=note.strip())
    return handed


def relay_decision(step: Step) -> None:
    """Entering a decision on a handed-up report: the reports below hear of it."""
    report = step.record
    if report.escalated_from_id is None:
        return
    text = _("%(committee)s：%(state)s") % {
        "committee": report.committee.display_name,
        "state": OpinionState(step.target).label,
    }
    _tell_lower(report, actor=step.actor, text=text, body=step.reason)


def adoption_credit_role(report: OpinionReport, mode: str) -> str:
    """The duty ledger's role of an adoption: the mode at the member's own committee, the
    adopting committee's level above it (as a hand-kept 省政协 escalation is credited)."""
    return report.committee.level if report.escalated_from_id else mode
