"""Outcomes of activities: 建议案, consultation reports, research and inspection reports."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Member
from zhengxie.core.models.people import CommitteeScoped

from .activities import Activity


class OutcomeKind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("建议案")  # 常委会议审议通过，报党委政府
    CONSULTATION_REPORT = "consultation", _("协商报告")
    RESEARCH_REPORT = "research", _("调研报告")
    INSPECTION_REPORT = "inspection", _("视察报告")


RESEARCH_INSPECTION_KINDS = (OutcomeKind.RESEARCH_REPORT, OutcomeKind.INSPECTION_REPORT)


class SubmittedTo(models.TextChoices):
    PARTY = "party", _("党委")
    GOVERNMENT = "government", _("政府")
    BOTH = "both", _("党委和政府")


class Adoption(models.TextChoices):
    PENDING = "pending", _("待反馈")
    ADOPTED = "adopted", _("已采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not", _("未采纳")


class Outcome(CommitteeScoped):
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("来源活动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcomes",
    )
    kind = models.CharField(_("类别"), max_length=16, choices=OutcomeKind.choices)
    title = models.CharField(_("标题"), max_length=150)
    body = models.TextField(_("正文"))
    authors = models.ManyToManyField(Member, verbose_name=_("执笔委员"), blank=True)
    submitted_to = models.CharField(_("报送对象"), max_length=12, choices=SubmittedTo.choices)
    submitted_on = models.DateField(_("报送日期"))
    adoption = models.CharField(
        _("采纳情况"), max_length=10, choices=Adoption.choices, default=Adoption.PENDING
    )
    adoption_note = models.TextField(_("采纳说明"), blank=True)
    is_deleted = models.BooleanField(_("已作废"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Leaders' instructions on the outcome: the instructions app's rows, read from here.
    instructions = GenericRelation(
        "instructions.Instruction", content_type_field="target_type", object_id_field="target_id"
    )
    history = HistoricalRecords(m2m_fields=[authors])

    class Meta:
        verbose_name = _("履职成果")
        verbose_name_plural = _("履职成果")
        ordering = ["-submitted_on", "-id"]
        indexes = [models.Index(fields=["committee", "submitted_on"])]

    def __str__(self) -> str:
        return self.title


class OutcomeFollowUp(CommitteeScoped):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="follow_ups")
    note = models.TextField(_("跟踪记录"))
    noted_on = models.DateField(_("日期"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("跟踪记录")
        verbose_name_plural = _("跟踪记录")
        ordering = ["noted_on", "id"]


class OutcomeAttachment(CommitteeScoped):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="activities/outcomes/%Y/")
    name = models.CharField(_("文件名"), max_length=120)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]
