"""Notifications: the one door every app tells people through.

notify() writes one inbox row per recipient and, for each other channel the person gets the
kind by, a Delivery: due now for an urgent kind, waiting for the day's digest otherwise. The
channels are the person's choice for the kind (or the kind's defaults), plus whatever the
office of the person's committee makes mandatory, less the channels the account has no
address for. Deliveries due now go out from a background task after commit.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Delivery, DeliveryStatus, Notification, NotificationPreference, User
from ..notifications import CHOOSABLE, Channel, NotificationKind
from ..notifications.channels import ADDRESS_FIELDS
from ..notifications.kinds import check_registered, registered_kind
from ..notifications.mandatory import (
    home_committee,
    home_committees,
    kinds_received,
    mandatory_channels,
)


def notify(
    *,
    kind: NotificationKind,
    recipients: Iterable[User | None],
    title: str,
    body: str = "",
    url: str = "",
) -> int:
    """Tell each recipient (None ignored, duplicates once); returns how many were told."""
    check_registered(kind)
    people = {user.pk: user for user in recipients if user is not None}
    if not people:
        return 0
    rows = Notification.objects.bulk_create(
        Notification(recipient_id=pk, kind=kind.key, title=title[:120], body=body, url=url)
        for pk in people
    )
    write_deliveries(kind=kind, notifications=rows, people=people)
    return len(rows)


def write_deliveries(
    *,
    kind: NotificationKind,
    notifications: list[Notification],
    people: dict[int, User],
    queue: bool = True,
) -> list[int]:
    """The copies of these inbox rows by each person's other channels; returns the ids of
    those due now, queued for sending after commit unless the caller sends them itself."""
    plans = channels_for(users=list(people.values()), kind=kind)
    status = DeliveryStatus.PENDING if kind.urgent else DeliveryStatus.DIGEST
    deliveries = Delivery.objects.bulk_create(
        Delivery(notification=row, recipient_id=row.recipient_id, channel=channel, status=status)
        for row in notifications
        for channel in sorted(plans[row.recipient_id] - {Channel.INBOX})
    )
    due = [d.pk for d in deliveries if d.status == DeliveryStatus.PENDING]
    if due and queue:
        from ..tasks import send_deliveries

        transaction.on_commit(lambda: send_deliveries.enqueue(delivery_ids=due))
    return due


def channels_for(*, users: list[User], kind: NotificationKind) -> dict[int, set[str]]:
    """Each person's channels for the kind; one query whatever the number of people (the
    office rules are cached per committee)."""
    chosen = NotificationPreference.objects.filter(user=OuterRef("pk"), kind=kind.key)
    rows = User.objects.filter(pk__in=[user.pk for user in users]).values_list(
        "pk", Subquery(chosen.values("channels")[:1]), home_committee()
    )
    settings = {pk: (channels, home) for pk, channels, home in rows}
    plans = {}
    for user in users:
        channels, home = settings.get(user.pk, (None, None))
        channels = {Channel.INBOX, *(kind.channels if channels is None else channels)}
        channels |= mandatory_channels(home, kind.key)
        plans[user.pk] = {
            c for c in channels if c == Channel.INBOX or getattr(user, ADDRESS_FIELDS[c], "")
        }
    return plans


def set_notification_preferences(*, user: User, choices: dict[str, set[str]]) -> int:
    """The person's channels per kind key; returns how many kinds changed. A channel the
    office makes mandatory cannot be switched off, and only the kinds the person's roles
    receive can be set: the whole change is refused, naming each kind, and nothing is saved."""
    committee_id = home_committees([user.pk]).get(user.pk)
    received = kinds_received(user)
    problems: dict[str, list[str]] = {}
    for key, channels in choices.items():
        kind = received.get(key)
        if kind is None:
            problems[key] = [_("没有这种通知：%(k)s。") % {"k": key}]
            continue
        forced = mandatory_channels(committee_id, key) - set(channels)
        if forced:
            problems.setdefault(key, []).append(
                _("“%(kind)s”须接收%(channels)s，由机关规定，不能关闭。")
                % {"kind": kind.label, "channels": "、".join(_channel_labels(forced))}
            )
        if not set(channels) <= set(CHOOSABLE):
            problems.setdefault(key, []).append(_("“%(kind)s”的渠道有误。") % {"kind": kind.label})
    if problems:
        # keyed by kind: the API names each; the web page shows them above its boxes
        raise ValidationError(problems)
    return _save_preferences(user, choices)


def _channel_labels(channels: set[str]) -> list[str]:
    return [str(Channel(c).label) for c in sorted(channels)]


def _save_preferences(user: User, choices: dict[str, set[str]]) -> int:
    changed = 0
    with transaction.atomic():
        rows = {
            p.kind: p
            for p in NotificationPreference.objects.select_for_update().filter(
                user=user, kind__in=list(choices)
            )
        }
        for key, channels in choices.items():
            wanted = sorted(set(channels))
            row = rows.get(key)
            if row is None and wanted == sorted(registered_kind(key).channels - {Channel.INBOX}):
                continue
            if row is not None and row.channels == wanted:
                continue
            NotificationPreference.objects.update_or_create(
                user=user, kind=key, defaults={"channels": wanted}
            )
            changed += 1
    return changed


def mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one message, or with no id every unread message, as read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
