"""年度协商计划: topics collected in the fourth quarter, approved, then held as activities."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models.people import CommitteeScoped

from .kinds import ActivityKind


class ConsultationPlan(CommitteeScoped):
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=80)
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度协商计划")
        verbose_name_plural = _("年度协商计划")
        ordering = ["committee", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="plan_unique_year"),
        ]

    def __str__(self) -> str:
        return self.title


class TopicStatus(models.TextChoices):
    COLLECTED = "collected", _("已征集")  # 议题征集阶段提出
    APPROVED = "approved", _("已列入计划")  # 主席会议审定列入
    DECLINED = "declined", _("未列入")


class PlanTopic(CommitteeScoped):
    plan = models.ForeignKey(ConsultationPlan, on_delete=models.PROTECT, related_name="topics")
    title = models.CharField(_("议题"), max_length=120)
    reason = models.TextField(_("选题理由及建议"), blank=True)
    proposed_by = models.CharField(_("提出单位或个人"), max_length=80, blank=True)
    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("协商形式"), on_delete=models.PROTECT, related_name="+"
    )
    quarter = models.PositiveSmallIntegerField(_("计划季度"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=TopicStatus.choices, default=TopicStatus.COLLECTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("协商议题")
        verbose_name_plural = _("协商议题")
        ordering = ["plan", "quarter", "id"]

    def __str__(self) -> str:
        return self.title
