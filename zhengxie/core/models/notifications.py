"""Notifications and their deliveries.

A Notification is one person's inbox row. Each copy by another channel is a Delivery with its
own status, so a bulk notice shows how far it got and a restart sends only what is still due.
Non-urgent copies wait for the person's daily DigestBatch, which takes them once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords


class Notification(models.Model):
    """One message in a person's inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # The registered kind (core.notifications); blank on messages written before kinds.
    kind = models.CharField(_("类型"), max_length=50, blank=True)
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    bulk_notice = models.ForeignKey(
        "BulkNotice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            # A bulk notice reaches each person once, however often its task is restarted.
            models.UniqueConstraint(
                fields=["bulk_notice", "recipient"],
                condition=Q(bulk_notice__isnull=False),
                name="notification_once_per_bulk_recipient",
            )
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """The channels a person chose for one kind; without a row, the kind's defaults apply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("类型"), max_length=50)
    channels = models.JSONField(_("渠道"), default=list)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("通知设置")
        verbose_name_plural = _("通知设置")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")  # due now, or at next_attempt_at after a failure
    DIGEST = "digest", _("待汇总")  # waits for the person's daily digest
    SENDING = "sending", _("发送中")  # claimed; left here only if the sender died mid-send
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")  # refused after the last retry


class DigestBatch(models.Model):
    """One person's digest on one channel for one day: the items it took are its own, so no
    item goes out in two digests, and a second run on the same day finds the batch made."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    channel = models.CharField(_("渠道"), max_length=10)
    day = models.DateField(_("日期"))
    status = models.CharField(
        _("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("错误"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("每日汇总")
        verbose_name_plural = _("每日汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "channel", "day"], name="digest_once_per_day"
            )
        ]
        # The metrics scrape counts the unsent and the last day's sent (core.metrics).
        indexes = [models.Index(fields=["status", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.recipient_id} · {self.channel} · {self.day}"


class Delivery(models.Model):
    """One copy of a notification by one channel (SMS, e-mail) to its recipient."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("渠道"), max_length=10)
    status = models.CharField(_("状态"), max_length=10, choices=DeliveryStatus.choices)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    last_error = models.CharField(_("错误"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    digest = models.ForeignKey(
        DigestBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )

    class Meta:
        verbose_name = _("送达记录")
        verbose_name_plural = _("送达记录")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="delivery_once_per_channel"
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["recipient", "channel", "status"]),
            # The metrics scrape counts the unsent and the last day's sent (core.metrics).
            models.Index(fields=["status", "sent_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} · {self.channel} · {self.status}"


class BulkStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")  # composed; the worker has not written the messages yet
    SENDING = "sending", _("发送中")  # every message written; copies going out
    DONE = "done", _("已完成")  # nothing left to send (failures are counted, not retried)


class Audience(models.TextChoices):
    COMMITTEE = "committee", _("全体委员")
    SECTOR = "sector", _("界别委员")
    SPECIAL_COMMITTEE = "special_committee", _("专门委员会委员")
    ACTIVITY = "activity", _("活动受邀人员")


class BulkNotice(models.Model):
    """A notice the office sends to many people at once, written and sent by a worker."""

    committee = models.ForeignKey(
        "core.Committee", on_delete=models.PROTECT, related_name="bulk_notices"
    )
    kind = models.CharField(_("类型"), max_length=50)
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    audience = models.CharField(_("发送对象"), max_length=20, choices=Audience.choices)
    # The sector, special committee or activity the audience names; empty for the committee.
    audience_id = models.PositiveBigIntegerField(_("对象编号"), null=True, blank=True)
    audience_label = models.CharField(_("发送范围"), max_length=120)
    status = models.CharField(
        _("状态"), max_length=10, choices=BulkStatus.choices, default=BulkStatus.QUEUED
    )
    recipients = models.PositiveIntegerField(_("收件人数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("群发通知")
        verbose_name_plural = _("群发通知")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
