"""Adopted reports go up the ladder and collect leaders' instructions (批示)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zhengxie.core.models.people import CommitteeScoped

from .reports import OpinionReport


class EscalationLevel(models.TextChoices):
    CITY = "city", _("市委市政府")  # 报送市委、市政府领导阅批
    PROVINCIAL = "provincial", _("省政协")  # 省政协《社情民意》采用
    NATIONAL = "national", _("全国政协")  # 全国政协信息专报采用


class InstructionLevel(models.TextChoices):
    CITY = "city", _("市领导")  # 市委、市政府主要或分管领导
    PROVINCIAL = "provincial", _("省领导")
    NATIONAL = "national", _("中央领导")


class Escalation(CommitteeScoped):
    """The report sent to one level; adopted_on records that level adopting it."""

    report = models.ForeignKey(
        OpinionReport, verbose_name=_("信息"), on_delete=models.PROTECT, related_name="escalations"
    )
    level = models.CharField(_("报送层级"), max_length=10, choices=EscalationLevel.choices)
    sent_on = models.DateField(_("报送日期"))
    adopted_on = models.DateField(_("上级采用日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("报送上级")
        verbose_name_plural = _("报送上级")
        ordering = ["report", "sent_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "level"], name="escalation_unique_level"),
        ]

    def __str__(self) -> str:
        return f"{self.report} → {self.get_level_display()}"


class Instruction(CommitteeScoped):
    """批示: a leader's written instruction on a report, with the instructing level."""

    report = models.ForeignKey(
        OpinionReport,
        verbose_name=_("信息"),
        on_delete=models.PROTECT,
        related_name="instructions",
    )
    leader_name = models.CharField(_("批示领导"), max_length=40)
    leader_title = models.CharField(_("职务"), max_length=60, blank=True)
    level = models.CharField(_("批示级别"), max_length=10, choices=InstructionLevel.choices)
    text = models.TextField(_("批示内容"))
    instructed_on = models.DateField(_("批示日期"))
    follow_up = models.TextField(_("落实情况"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")
        ordering = ["-instructed_on", "-id"]
        indexes = [models.Index(fields=["committee", "instructed_on"])]

    def __str__(self) -> str:
        return f"{self.leader_name}：{self.text[:20]}"
