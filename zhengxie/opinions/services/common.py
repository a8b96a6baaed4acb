"""What every opinion service shares: author lookup, history stamps, author notices, credits."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zhengxie.core.models import Member, User
from zhengxie.core.notifications import NotificationKind
from zhengxie.core.services.notifications import notify
from zhengxie.duty.services import credit_members

from ..models import OpinionReport
from ..notifications import REPORT_UPDATE


def resolve_members(*, committee_id: int, member_ids: Iterable[int]) -> list[Member]:
    """The member authors, all sitting on the report's committee."""
    ids = {int(pk) for pk in member_ids}
    members = list(Member.objects.filter(pk__in=ids, committee_id=committee_id, is_active=True))
    if len(members) != len(ids):
        raise ValidationError({"member_ids": _("反映委员须是本级政协的在任委员。")})
    return members


def stamp(record, *, actor: User | None, reason: str, at: dt.datetime | None = None) -> None:
    """Who made the change and why (and, for an earlier act entered now, when), for the
    history row the next save writes."""
    record._history_user = actor
    record._change_reason = reason
    if at is not None:
        record._history_date = at


def notify_authors(
    *, report: OpinionReport, title: str, body: str = "", kind: NotificationKind = REPORT_UPDATE
) -> None:
    """Every outcome reaches every author, once the change is committed."""
    users = [m.user for m in report.members.select_related("user") if m.user_id]
    if report.created_by_id:
        users.append(report.created_by)
    url = reverse("opinions:detail", args=[report.pk])
    transaction.on_commit(
        lambda: notify(kind=kind, recipients=users, title=title, body=body, url=url)
    )


def credit_authors(*, report: OpinionReport, kind: str, source, occurred_on, role: str) -> None:
    """One duty credit per member author, all in one write; the duty service makes a repeat a
    no-op."""
    credit_members(
        report.members.all(), kind=kind, source=source, occurred_on=occurred_on, role=role
    )
