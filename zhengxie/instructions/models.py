"""批示 and 落实反馈: a leader's written instruction on a record of another app, and what the
department concerned reports back about it.

One model for every kind of record a leader instructs on (an opinion report, a bulletin issue,
an outcome, a key proposal): the leader's inbox, the department's workspace and the office's
queue are single lists over one table, and the workflow, the reminders and the history are
written once. The record instructed on is a generic relation, so this app depends on `core`
only and the apps register their record kinds with it (targets.py), as they credit duty
through `duty`; the title and page of the record are kept on the row when it is written, so
the lists never reach into another app's tables.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import HandlingUnit
from zhengxie.core.models.people import CommitteeScoped


class InstructionLevel(models.TextChoices):
    COUNTY = "county", _("县领导")  # 县(市、区)委、政府领导，县级政协主席会议成员
    CITY = "city", _("市领导")  # 市委、市政府主要或分管领导，市政协主席会议成员
    PROVINCIAL = "provincial", _("省领导")
    NATIONAL = "national", _("中央领导")


class InstructionState(models.TextChoices):
    WRITTEN = "written", _("已批示")  # the office is to pass it to the department concerned
    ASSIGNED = "assigned", _("落实中")  # the department acts and reports back by the deadline
    REPORTED = "reported", _("已反馈")  # the department's 落实反馈 waits for the office
    RETURNED = "returned", _("退回补充")  # the office asked the department for more
    CLOSED = "closed", _("已办结")  # the feedback was accepted, or nothing was to be done


class Instruction(CommitteeScoped):
    """批示: who instructed, on which record, what they wrote; a department acts on it."""

    target_kind = models.CharField(_("批示对象类型"), max_length=20)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    target_title = models.CharField(_("批示对象"), max_length=200)
    target_url = models.CharField(max_length=200)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批示领导账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instructions_written",
    )
    leader_name = models.CharField(_("批示领导"), max_length=40)
    leader_title = models.CharField(_("职务"), max_length=60, blank=True)
    level = models.CharField(_("批示级别"), max_length=10, choices=InstructionLevel.choices)
    text = models.TextField(_("批示内容"))
    instructed_on = models.DateField(_("批示日期"))
    # A paper instruction the office typed in (转录): the leader did not write it here.
    is_transcribed = models.BooleanField(_("纸质批示转录"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        HandlingUnit,
        verbose_name=_("落实部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("反馈期限"), null=True, blank=True)
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=InstructionState.choices,
        default=InstructionState.WRITTEN,
    )
    last_reminded_on = models.DateField(_("最近提醒日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")
        ordering = ["-instructed_on", "-id"]
        indexes = [
            models.Index(fields=["committee", "state"]),
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["unit", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.leader_name}：{self.text[:20]}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("instructions:detail", args=[self.pk])


class InstructionFollowUp(CommitteeScoped):
    """落实反馈: one report of what the department did; a returned one stays beside the next."""

    instruction = models.ForeignKey(
        Instruction, on_delete=models.CASCADE, related_name="follow_ups"
    )
    text = models.TextField(_("落实情况"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("反馈人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("反馈时间"), default=timezone.now)
    accepted = models.BooleanField(_("已采纳"), null=True)
    office_note = models.TextField(_("机关意见"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("落实反馈")
        verbose_name_plural = _("落实反馈")
        ordering = ["instruction", "submitted_at", "id"]
