"""岗位: a job an employer posts, reviewed by staff, open for at most 60 days; its pay is a
range in yuan that every listing must have (薪资透明), and reports (举报) against it."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Town
from zhengxie.core.models.people import CommitteeScoped, NamedPerCommittee

from .employers import Employer

# 人力资源社会保障部《网络招聘服务管理规定》(2021) 要求招聘信息真实、合法、有效;
# an open listing runs for at most 60 days before the employer posts it again.
MAX_OPEN_DAYS = 60


class JobCategory(NamedPerCommittee):
    """岗位类别: the dictionary the office keeps (普工、销售、餐饮服务 ...)."""

    history = HistoricalRecords()

    class Meta(NamedPerCommittee.Meta):
        verbose_name = _("岗位类别")
        verbose_name_plural = _("岗位类别")
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="job_category_unique_name"),
        ]


class PayUnit(models.TextChoices):
    MONTH = "month", _("元/月")  # most full-time jobs
    HOUR = "hour", _("元/小时")  # part-time and shift work


class JobState(models.TextChoices):
    PENDING = "pending", _("待审核")  # submitted by the employer, not public yet
    OPEN = "open", _("招聘中")  # public until its expiry date
    REJECTED = "rejected", _("未通过审核")  # the employer may correct it and submit again
    CLOSED = "closed", _("已关闭")  # filled, withdrawn, taken down or expired


class Job(CommitteeScoped):
    employer = models.ForeignKey(
        Employer, verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="jobs"
    )
    title = models.CharField(_("岗位名称"), max_length=60)
    category = models.ForeignKey(
        JobCategory, verbose_name=_("岗位类别"), on_delete=models.PROTECT, related_name="+"
    )
    town = models.ForeignKey(
        Town, verbose_name=_("工作乡镇街道"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("工作地址"), max_length=120)
    pay_unit = models.CharField(
        _("计薪方式"), max_length=5, choices=PayUnit.choices, default=PayUnit.MONTH
    )
    pay_min = models.PositiveIntegerField(_("最低薪资（元）"))
    pay_max = models.PositiveIntegerField(_("最高薪资（元）"))
    benefits = models.CharField(_("福利待遇"), max_length=200, blank=True)
    hours = models.CharField(_("工作时间"), max_length=100)
    headcount = models.PositiveSmallIntegerField(_("招聘人数"))
    starts_on = models.DateField(_("到岗日期"), null=True, blank=True)
    open_days = models.PositiveSmallIntegerField(_("招聘天数"), default=30)
    description = models.TextField(_("岗位描述"), blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=JobState.choices, default=JobState.PENDING
    )
    # The fee words (押金、培训费 ...) found on submission; staff see them in the review queue.
    fee_words = models.CharField(_("涉嫌收费用语"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    expires_on = models.DateField(_("截止日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        ordering = ["-published_at", "-id"]
        constraints = [
            # 薪资透明: a listing without a pay range cannot be stored, whatever writes it.
            models.CheckConstraint(
                condition=Q(pay_min__gt=0) & Q(pay_max__gte=F("pay_min")),
                name="job_pay_range_required",
            ),
            models.CheckConstraint(
                condition=Q(open_days__gte=1) & Q(open_days__lte=MAX_OPEN_DAYS),
                name="job_open_at_most_60_days",
            ),
            models.CheckConstraint(condition=Q(headcount__gte=1), name="job_headcount_positive"),
        ]
        indexes = [
            # The public search walks open jobs newest first (keyset on published_at, id).
            models.Index(fields=["state", "-published_at", "-id"], name="job_open_newest"),
            models.Index(fields=["committee", "state"], name="job_committee_state"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:job_detail", args=[self.pk])

    def is_expired(self, today: dt.date) -> bool:
        return self.expires_on is not None and self.expires_on < today

    @property
    def pay_text(self) -> str:
        return f"{self.pay_min}–{self.pay_max} {self.get_pay_unit_display()}"


class ReportState(models.TextChoices):
    OPEN = "open", _("待处理")
    HANDLED = "handled", _("已下架岗位")  # staff took the listing down
    DISMISSED = "dismissed", _("已驳回")  # nothing wrong with the listing


class JobReport(CommitteeScoped):
    """举报: anyone, guests too, may report a listing; staff handle it in the moderation
    queue. Only the office reads the contact a guest leaves."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="reports")
    reporter = models.ForeignKey(  # None for a guest
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("举报理由"), max_length=200)
    contact = models.CharField(_("联系方式（选填）"), max_length=50, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=ReportState.choices, default=ReportState.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("岗位举报")
        verbose_name_plural = _("岗位举报")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "reporter"],
                condition=Q(state="open"),
                name="job_report_one_open_per_reporter",
            ),
        ]

    def __str__(self) -> str:
        return self.reason
