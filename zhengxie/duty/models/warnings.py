"""A member on the warnings list, and the talk (约谈) staff hold with them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Committee, Member


class WarningReason(models.TextChoices):
    LOW_POINTS = "low_points", _("积分低于预警线")  # 永春: 70 分以下提醒、约谈
    # No longer raised: absence warnings are the activities app's, raised when an activity is
    # held; kept so the warnings issued before read as they were.
    ABSENCES = "absences", _("缺席次数超过限度")


class WarningStatus(models.TextChoices):
    OPEN = "open", _("待约谈")
    TALKED = "talked", _("已约谈")
    CLEARED = "cleared", _("已解除")  # the member's figures rose back above the line


class DutyWarning(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name=_("政协"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("委员"), on_delete=models.PROTECT, related_name="duty_warnings"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    reason = models.CharField(_("原因"), max_length=12, choices=WarningReason.choices)
    detail = models.CharField(_("情况"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=8, choices=WarningStatus.choices, default=WarningStatus.OPEN
    )
    raised_at = models.DateTimeField(_("预警时间"), auto_now_add=True)
    talked_on = models.DateField(_("约谈日期"), null=True, blank=True)
    talked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("约谈人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.TextField(_("约谈情况及结果"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("履职预警")
        verbose_name_plural = _("履职预警")
        ordering = ["status", "-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year", "reason"], name="warning_unique_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.get_reason_display()}"
