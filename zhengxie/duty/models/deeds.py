"""Practical deeds (兴办实事): what a member did for residents, recorded by the member and
confirmed by the venue's convenor or the office; confirmation credits the duty file and counts
for the five ones (五个一). States change only through the practical_deed workflow."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Committee, Member, Venue


class DeedState(models.TextChoices):
    SUBMITTED = "submitted", _("待确认")  # recorded by the member, waiting for a confirmer
    CONFIRMED = "confirmed", _("已确认")  # credited to the duty file
    RETURNED = "returned", _("已退回")  # sent back with a reason; the member revises it
    WITHDRAWN = "withdrawn", _("已撤回")  # withdrawn by the member before confirmation


class PracticalDeed(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name=_("政协"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("委员"), on_delete=models.PROTECT, related_name="practical_deeds"
    )
    title = models.CharField(_("实事名称"), max_length=120)
    description = models.TextField(_("具体内容"))
    place = models.CharField(_("地点"), max_length=120)
    beneficiaries = models.CharField(_("受益群众"), max_length=120)
    done_on = models.DateField(_("办理日期"))
    # The venue where it was done: its convenor confirms; without one, the office does.
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("所在协商场所"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=DeedState.choices, default=DeedState.SUBMITTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    return_reason = models.CharField(_("退回理由"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("兴办实事")
        verbose_name_plural = _("兴办实事")
        ordering = ["-done_on", "-id"]
        indexes = [
            models.Index(fields=["member", "state"]),
            models.Index(fields=["committee", "state", "done_on"]),
            models.Index(fields=["venue", "state"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("duty:deed_detail", args=[self.pk])


class DeedPhoto(models.Model):
    deed = models.ForeignKey(PracticalDeed, on_delete=models.CASCADE, related_name="photos")
    # Stored under MEDIA_ROOT, outside the web root; served by a view that checks access.
    image = models.FileField(_("照片"), upload_to="duty/deeds/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("实事照片")
        verbose_name_plural = _("实事照片")

    def __str__(self) -> str:
        return self.image.name
