"""Notices the office sends to many people at once (a plenary notice to every member).

Staff compose the notice; a background worker writes one inbox message per person and their
copies (in one transaction: all or none), then sends the copies. A restarted worker finds the
messages written (the notice's status says so, and a unique constraint holds one message per
person) and sends only the copies still due, so nobody hears twice. Copies a provider
refused are retried by run_periodic with a growing delay (core.services.deliveries).

Who a notice reaches is an audience: the committee's members, a sector's, a special
committee's (here), or another app's, registered with `register_audience` (an activity's
invitees, from activities).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Audience,
    BulkNotice,
    BulkStatus,
    Committee,
    Delivery,
    DeliveryStatus,
    Notification,
    Sector,
    SpecialCommittee,
    User,
)
from ..notifications.kinds import NotificationKind
from ..notifications.office import KINDS as OFFICE_KINDS
from ..permissions import check_office
from .deliveries import send_due_deliveries
from .notifications import write_deliveries


@dataclass(frozen=True)
class AudienceSource:
    """Who an audience is: the choices offered for a committee, (id, label) pairs, and the
    accounts an id stands for."""

    options: Callable[[Committee], list[tuple[int, str]]]
    users: Callable[[Committee, int], QuerySet]


def _member_users(committee: Committee, **seat) -> QuerySet:
    return User.objects.filter(
        member__committee=committee, member__is_active=True, **seat
    ).order_by("pk")


def _named(model) -> Callable[[Committee], list[tuple[int, str]]]:
    return lambda committee: list(
        model.objects.filter(committee=committee).order_by("pk").values_list("pk", "name")
    )


_audiences: dict[str, AudienceSource] = {
    Audience.COMMITTEE: AudienceSource(
        options=lambda committee: [(committee.pk, committee.display_name)],
        users=lambda committee, _pk: _member_users(committee),
    ),
    Audience.SECTOR: AudienceSource(
        options=_named(Sector),
        users=lambda committee, pk: _member_users(committee, member__sector_id=pk),
    ),
    Audience.SPECIAL_COMMITTEE: AudienceSource(
        options=_named(SpecialCommittee),
        users=lambda committee, pk: _member_users(committee, member__special_committee_id=pk),
    ),
}


def register_audience(audience: str, source: AudienceSource) -> None:
    if audience not in Audience.values:
        raise ImproperlyConfigured(f"no audience {audience}")
    _audiences[audience] = source


def audience_source(audience: str) -> AudienceSource:
    try:
        return _audiences[audience]
    except KeyError:
        raise ImproperlyConfigured(f"audience {audience} is not registered") from None


def office_kind(key: str) -> NotificationKind:
    for kind in OFFICE_KINDS:
        if kind.key == key:
            return kind
    raise ValidationError({"kind": _("请选择通知类型。")})


def compose_bulk_notice(
    *,
    staff: User,
    committee: Committee,
    kind: str,
    title: str,
    audience: str,
    audience_id: int | None,
    body: str = "",
    url: str = "",
) -> BulkNotice:
    """Checks the notice and queues it for the worker, after commit. The office's staff of
    the committee only. A title left empty, or an audience not of this committee, is refused
    naming the field, and nothing is saved."""
    check_office(staff, committee)
    office_kind(kind)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("请填写通知标题。")})
    if audience not in _audiences:
        raise ValidationError({"audience": _("请选择发送对象。")})
    labels = dict(audience_source(audience).options(committee))
    if audience == Audience.COMMITTEE:
        audience_id = committee.pk
    if audience_id not in labels:
        raise ValidationError({"audience_id": _("发送对象不属于本级政协，请重新选择。")})
    notice = BulkNotice.objects.create(
        committee=committee,
        kind=kind,
        title=title[:120],
        body=body.strip(),
        url=url.strip()[:300],
        audience=audience,
        audience_id=audience_id,
        audience_label=str(labels[audience_id])[:120],
        created_by=staff,
    )
    from ..tasks import run_bulk_notice as task

    transaction.on_commit(lambda: task.enqueue(notice_id=notice.pk))
    return notice


def _write_messages(notice_id: int) -> None:
    """One inbox message and its copies per person, in one transaction; nothing when a
    worker already wrote them. Locks the notice."""
    with transaction.atomic():
        notice = BulkNotice.objects.select_for_update().get(pk=notice_id)
        if notice.status != BulkStatus.QUEUED:
            return
        people = {
            u.pk: u
            for u in audience_source(notice.audience).users(notice.committee, notice.audience_id)
        }
        kind = office_kind(notice.kind)
        rows = Notification.objects.bulk_create(
            (
                Notification(
                    recipient_id=pk,
                    kind=notice.kind,
                    title=notice.title,
                    body=notice.body,
                    url=notice.url,
                    bulk_notice=notice,
                )
                for pk in people
            ),
            batch_size=500,
        )
        write_deliveries(kind=kind, notifications=rows, people=people, queue=False)
        notice.status, notice.recipients = BulkStatus.SENDING, len(rows)
        notice.save(update_fields=["status", "recipients"])


def run_bulk_notice(*, notice_id: int) -> int:
    """The worker's job: writes the messages if not yet written, sends the copies due, and
    closes the notice when none is left to send; returns how many copies went out."""
    _write_messages(notice_id)
    sent = send_due_deliveries(bulk_notice_id=notice_id)
    finish_bulk_notices(notice_ids=[notice_id])
    return sent


def finish_bulk_notices(*, notice_ids: list[int] | None = None) -> int:
    """Marks done the sending notices with no copy left waiting for a (re)try."""
    sending = BulkNotice.objects.filter(status=BulkStatus.SENDING)
    if notice_ids is not None:
        sending = sending.filter(pk__in=notice_ids)
    waiting = Delivery.objects.filter(status=DeliveryStatus.PENDING).values(
        "notification__bulk_notice_id"
    )
    return sending.exclude(pk__in=waiting).update(
        status=BulkStatus.DONE, finished_at=timezone.now()
    )


def audience_choices(committee: Committee) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every audience's options for the committee, as a grouped select offers them:
    [(audience label, [("sector:5", "经济界"), ...]), ...]."""
    groups = []
    for audience, source in _audiences.items():
        options = [(f"{audience}:{pk}", str(label)) for pk, label in source.options(committee)]
        if options:
            groups.append((str(Audience(audience).label), options))
    return groups
