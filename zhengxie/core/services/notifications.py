"""Notifications: one inbox row per recipient now, the e-mail copy from a background task."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from ..models import Notification, User
from ..tasks import send_notification_email


def notify(*, recipients: Iterable[User], title: str, body: str = "", url: str = "") -> int:
    """Write an inbox message to each recipient; e-mail copies are queued after commit."""
    people = {user.pk: user for user in recipients if user is not None}
    rows = Notification.objects.bulk_create(
        Notification(recipient_id=pk, title=title[:120], body=body, url=url) for pk in people
    )
    emails = [user.email for user in people.values() if user.email]
    if emails:
        transaction.on_commit(
            lambda: send_notification_email.enqueue(
                recipients=emails, subject=title, body=f"{body}\n\n{url}".strip()
            )
        )
    return len(rows)


def mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one message, or with no id every unread message, as read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
