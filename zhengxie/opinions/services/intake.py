"""Reports that arrive from other records: a proposal the review converted (转社情民意)."""

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, User

from .. import permissions as perms
from ..models import OpinionReport, OpinionState
from .common import notify_authors, resolve_members, stamp


def intake_converted_proposal(
    *,
    committee: Committee,
    title: str,
    body: str,
    member_ids: Iterable[int],
    source: models.Model,
    actor: User,
    reflected_at: dt.datetime | None = None,
    at: dt.datetime | None = None,
) -> OpinionReport:
    """Land a converted proposal in the editing intake, linked to its source record. Converting
    the same record twice returns the first report. Earns no submit credit: 提案转为社情民意
    信息的，不重复计分. Locks nothing new: the source's own service holds its row. `at`: when
    the conversion was decided, for one entered later; it dates the report's creation and its
    history row."""
    perms.check_office_permission(actor, committee)
    source_type = ContentType.objects.get_for_model(source)
    at = at or timezone.now()
    with transaction.atomic():
        existing = OpinionReport.objects.filter(
            source_type=source_type, source_id=source.pk, is_deleted=False
        ).first()
        if existing is not None:
            return existing
        members = resolve_members(committee_id=committee.pk, member_ids=member_ids)
        report = OpinionReport(
            committee=committee,
            title=title.strip()[:120],
            body=body.strip(),
            # No account "wrote" it: the proposers are its authors, the converter is in history.
            created_by=None,
            state=OpinionState.EDITING,
            # Dated when the members reflected it (the proposal's submission), so it counts in
            # that year's figures however late the review converted it.
            submitted_at=reflected_at or at,
            source_type=source_type,
            source_id=source.pk,
            source_label=_("提案转来"),
            created_at=at,
        )
        stamp(report, actor=actor, reason=_("提案转社情民意信息"), at=at)
        report.save()
        report.members.set(members)
        notify_authors(
            report=report,
            title=_("您的提案“%(title)s”已转为社情民意信息") % {"title": report.title[:30]},
        )
    return report
