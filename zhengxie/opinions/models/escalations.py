"""Adopted reports go up the ladder. The instructions (批示) they collect live in the
instructions app, the one home of every leader's instruction."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models.people import CommitteeScoped

from .reports import OpinionReport


class EscalationLevel(models.TextChoices):
    CITY = "city", _("市委市政府")  # 报送市委、市政府领导阅批
    PROVINCIAL = "provincial", _("省政协")  # 省政协《社情民意》采用
    NATIONAL = "national", _("全国政协")  # 全国政协信息专报采用


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
