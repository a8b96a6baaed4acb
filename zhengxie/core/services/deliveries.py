"""Sending the copies notify() wrote: one at a time when due, or a day's worth at once.

A copy is claimed before it is sent (PENDING → SENDING in one conditional UPDATE, rows locked
and skipped by other workers on PostgreSQL), so two workers never send the same copy, and a
worker restarted after a crash sends only what is still PENDING. A copy the sender refused
goes back to PENDING with a doubling delay, and FAILED after MAX_ATTEMPTS. A copy found
SENDING was in flight when its worker died: whether the phone got it is unknown, and since a
second plenary SMS is worse than a missing one it is not sent again (the progress page counts
it).

Non-urgent copies wait as DIGEST. Once a day, from DIGEST_HOUR, each person's waiting copies
on a channel are taken by that day's DigestBatch (one per person, channel and day, by a unique
constraint) and go out as one message; a copy taken by a batch belongs to it alone.
"""

import datetime as dt
import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Delivery, DeliveryStatus, DigestBatch, Notification, User
from ..notifications import Channel
from ..sms import send_sms
from ..sms.kinds import DIGEST, NOTICE

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# 1, 2, 4, 8 minutes: a provider's rate limit (Aliyun isv.BUSINESS_LIMIT_CONTROL) lifts
# within minutes, and four retries span a quarter of an hour.
RETRY_BASE_SECONDS = 60
CLAIM_BATCH = 200
# The digest goes out at the end of the working day, when the day's news is in.
DIGEST_HOUR = 18
DIGEST_TITLES = 3


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + (url or reverse("core:inbox"))


def _sms_one(user: User, notification: Notification) -> None:
    params = {"title": notification.title, "url": absolute(notification.url)}
    send_sms(phone=user.mobile, kind=NOTICE, params=params)


def _email_one(user: User, notification: Notification) -> None:
    body = f"{notification.body}\n\n{absolute(notification.url)}".strip()
    send_mail(notification.title, body, None, [user.email])


def _sms_digest(user: User, notifications: list[Notification]) -> None:
    params = {
        "count": str(len(notifications)),
        "titles": "；".join(n.title for n in notifications[:DIGEST_TITLES]),
        # The digest's one link opens 今日待办: what the day's news asks of the person.
        "url": absolute(reverse("core:todo")),
    }
    send_sms(phone=user.mobile, kind=DIGEST, params=params)


def _email_digest(user: User, notifications: list[Notification]) -> None:
    subject = _("今日消息汇总（%(n)s条）") % {"n": len(notifications)}
    lines = [f"· {n.title}\n  {absolute(n.url)}" for n in notifications]
    send_mail(subject, "\n".join(lines), None, [user.email])


# One sender per channel, for one notification and for a digest. WeChat joins here.
SENDERS: dict[str, Callable[[User, Notification], None]] = {
    Channel.SMS: _sms_one,
    Channel.EMAIL: _email_one,
}
DIGEST_SENDERS: dict[str, Callable[[User, list[Notification]], None]] = {
    Channel.SMS: _sms_digest,
    Channel.EMAIL: _email_digest,
}


def _retry_at(attempts: int) -> dt.datetime:
    return timezone.now() + timedelta(seconds=RETRY_BASE_SECONDS * 2 ** (attempts - 1))


def _after_failure(attempts: int, error: Exception) -> dict:
    """The fields of a refused copy (or digest): retried later, or given up on."""
    if attempts >= MAX_ATTEMPTS:
        return {"status": DeliveryStatus.FAILED, "last_error": str(error)[:200]}
    return {
        "status": DeliveryStatus.PENDING,
        "next_attempt_at": _retry_at(attempts),
        "last_error": str(error)[:200],
    }


def _claim(delivery_ids: list[int] | None, bulk_notice_id: int | None) -> list[Delivery]:
    now = timezone.now()
    due = Delivery.objects.filter(status=DeliveryStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    if delivery_ids is not None:
        due = due.filter(pk__in=delivery_ids)
    if bulk_notice_id is not None:
        due = due.filter(notification__bulk_notice_id=bulk_notice_id)
    with transaction.atomic():
        pks = list(
            due.select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:CLAIM_BATCH]
        )
        Delivery.objects.filter(pk__in=pks, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1
        )
    return list(
        Delivery.objects.filter(pk__in=pks, status=DeliveryStatus.SENDING).select_related(
            "notification", "recipient"
        )
    )


def _send_one(delivery: Delivery) -> bool:
    try:
        SENDERS[delivery.channel](delivery.recipient, delivery.notification)
    except Exception as error:  # a provider's refusal or an unreachable server alike
        logger.warning("delivery %s by %s failed: %s", delivery.pk, delivery.channel, error)
        Delivery.objects.filter(pk=delivery.pk).update(**_after_failure(delivery.attempts, error))
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def send_due_deliveries(
    *, delivery_ids: list[int] | None = None, bulk_notice_id: int | None = None
) -> int:
    """Sends every copy due now (of these ids, of this bulk notice, or all); returns how
    many went out. Copies refused now are due again later, so the loop ends."""
    sent = 0
    while claimed := _claim(delivery_ids, bulk_notice_id):
        sent += sum(_send_one(delivery) for delivery in claimed)
    return sent


def collect_digests(*, day: dt.date) -> int:
    """Gives each person with waiting copies on a channel the day's batch, and the batch
    its copies, unless that batch already went out today (they wait for tomorrow's).
    Returns how many copies were taken. A constant number of queries."""
    with transaction.atomic():
        pairs = (
            Delivery.objects.filter(status=DeliveryStatus.DIGEST, digest__isnull=True)
            .values_list("recipient_id", "channel")
            .distinct()
        )
        DigestBatch.objects.bulk_create(
            [DigestBatch(recipient_id=r, channel=c, day=day) for r, c in pairs],
            ignore_conflicts=True,
            batch_size=500,
        )
        open_batch = DigestBatch.objects.filter(
            recipient_id=OuterRef("recipient_id"),
            channel=OuterRef("channel"),
            day=day,
            status=DeliveryStatus.PENDING,
        ).values("pk")[:1]
        return Delivery.objects.filter(status=DeliveryStatus.DIGEST, digest__isnull=True).update(
            digest_id=Subquery(open_batch)
        )


def send_digests(*, day: dt.date | None = None) -> int:
    """The day's digests (and earlier days' refused ones): one message per batch; returns
    how many went out."""
    day = day or timezone.localdate()
    collect_digests(day=day)
    due = DigestBatch.objects.filter(day__lte=day, status=DeliveryStatus.PENDING)
    with transaction.atomic():
        # Locked and skipped, as copies are: two runners never take the same batch.
        pks = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True))
        DigestBatch.objects.filter(pk__in=pks, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1
        )
    batches = (
        DigestBatch.objects.filter(pk__in=pks, status=DeliveryStatus.SENDING)
        .select_related("recipient")
        .prefetch_related("items__notification")
    )
    return sum(_send_digest(batch) for batch in batches)


def _send_digest(batch: DigestBatch) -> bool:
    items = sorted(batch.items.all(), key=lambda d: d.notification_id)
    notifications = [d.notification for d in items]
    now = timezone.now()
    try:
        if notifications:
            DIGEST_SENDERS[batch.channel](batch.recipient, notifications)
    except Exception as error:  # the whole batch is retried the next day
        logger.warning("digest %s by %s failed: %s", batch.pk, batch.channel, error)
        fields = _after_failure(batch.attempts, error)
        fields.pop("next_attempt_at", None)
        DigestBatch.objects.filter(pk=batch.pk).update(**fields)
        if fields["status"] == DeliveryStatus.FAILED:
            batch.items.update(status=DeliveryStatus.FAILED, last_error=fields["last_error"])
        return False
    DigestBatch.objects.filter(pk=batch.pk).update(status=DeliveryStatus.SENT, sent_at=now)
    batch.items.update(status=DeliveryStatus.SENT, sent_at=now)
    return bool(notifications)
