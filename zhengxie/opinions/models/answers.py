"""A department's answer (办理回复) to a report the office forwarded to it (转送部门)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import HandlingUnit
from zhengxie.core.models.people import CommitteeScoped

from .reports import OpinionReport


class ForwardAnswer(CommitteeScoped):
    """One answer per forwarded report, by the department it was forwarded to; a correction
    is a change of this row, kept in its history."""

    report = models.OneToOneField(
        OpinionReport, verbose_name=_("信息"), on_delete=models.PROTECT, related_name="answer"
    )
    unit = models.ForeignKey(
        HandlingUnit, verbose_name=_("答复部门"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("办理情况"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("答复时间"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("部门办理回复")
        verbose_name_plural = _("部门办理回复")

    def __str__(self) -> str:
        return f"{self.unit}：{self.report}"
