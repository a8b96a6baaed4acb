"""Composing an issue of 《社情民意》 from adopted reports, numbered without gaps."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, User

from .. import permissions as perms
from ..models import AdoptionMode, BulletinCounter, BulletinIssue, OpinionReport, OpinionState
from ..search_index import index_bulletin
from .common import notify_authors, stamp


def _next_number(*, committee: Committee, year: int) -> int:
    """Take the counter row's lock and the next number; the unique constraint on the issue is
    the second line of defence against two editors numbering at once."""
    BulletinCounter.objects.get_or_create(committee=committee, year=year)
    counter = BulletinCounter.objects.select_for_update().get(committee=committee, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _check_reports(reports: list[OpinionReport], wanted: set[int], committee: Committee) -> str:
    """Returns the issue's kind: one single-adopted report, or combined ones only."""
    if not wanted:
        raise ValidationError({"report_ids": _("请至少选择一条已采用的信息。")})
    found = {r.pk: r for r in reports}
    for pk in sorted(wanted):
        report = found.get(pk)
        if report is None or report.committee_id != committee.pk:
            raise ValidationError(
                {"report_ids": _("信息（编号%(pk)s）不属于本级政协。") % {"pk": pk}}
            )
        if report.state != OpinionState.ADOPTED or report.bulletin_id:
            raise ValidationError(
                {"report_ids": _("“%(t)s”不是待编发的已采用信息。") % {"t": report.title}}
            )
    modes = {r.adoption_mode for r in reports}
    if AdoptionMode.SINGLE in modes and len(reports) > 1:
        raise ValidationError({"report_ids": _("单篇采用的信息须单独编为一期。")})
    return modes.pop()


def compose_bulletin(
    *,
    committee: Committee,
    actor: User,
    report_ids: Iterable[int],
    title: str = "",
    issued_on: dt.date,
    editor: str = "",
    approver: str = "",
) -> BulletinIssue:
    """Locks the chosen reports (by id), then the year's counter; numbers the new issue."""
    perms.check_office_permission(actor, committee)
    wanted = {int(pk) for pk in report_ids}
    with transaction.atomic():
        reports = list(
            OpinionReport.objects.select_for_update().filter(pk__in=wanted).order_by("id")
        )
        kind = _check_reports(reports, wanted, committee)
        issue = BulletinIssue(
            committee=committee,
            year=issued_on.year,
            number=_next_number(committee=committee, year=issued_on.year),
            kind=kind,
            title=(title.strip() or reports[0].title)[:120],
            issued_on=issued_on,
            editor=editor,
            approver=approver,
            created_by=actor,
        )
        stamp(issue, actor=actor, reason=_("编发"))
        issue.save()
        _file_reports(issue=issue, reports=reports, actor=actor)
        index_bulletin(issue)
    return issue


def _file_reports(*, issue: BulletinIssue, reports: list[OpinionReport], actor: User) -> None:
    for position, report in enumerate(reports, start=1):
        report.bulletin, report.bulletin_position = issue, position
        stamp(report, actor=actor, reason=str(issue))
        report.save(update_fields=["bulletin", "bulletin_position"])
        notify_authors(report=report, title=_("您的信息已编入%(issue)s") % {"issue": issue})
