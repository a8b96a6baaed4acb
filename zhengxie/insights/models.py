"""The annual review: the office's draft of its prose, and a generated review job with its
progress and the files it produced."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Committee, LeasedJob


class ReviewJobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ReviewJob(LeasedJob):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    rollup = models.BooleanField(_("含县级政协"), default=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    status = models.CharField(
        _("状态"), max_length=10, choices=ReviewJobStatus.choices, default=ReviewJobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    error = models.TextField(_("错误"), blank=True)
    docx = models.FileField(_("Word 文件"), upload_to="reviews/", blank=True)
    xlsx = models.FileField(_("Excel 文件"), upload_to="reviews/", blank=True)
    pdf = models.FileField(_("PDF 文件"), upload_to="reviews/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("年度回眸生成任务")
        verbose_name_plural = _("年度回眸生成任务")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.committee} {self.year}"


class ReviewDraft(models.Model):
    """The office's review of a committee's year: prose with figure fields, live until it is
    published, when the figures it shows (the year, the previous year and the counties) are
    frozen into `frozen` and the review is posted to the portal's news."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    prose = models.TextField(_("正文"))
    frozen = models.JSONField(_("发布时的数据"), null=True, blank=True)
    byline = models.CharField(_("署名"), max_length=120, blank=True)
    source = models.CharField(_("来源"), max_length=120, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    thread = models.ForeignKey(
        "portal.Thread", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度回眸稿")
        verbose_name_plural = _("年度回眸稿")
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="one_review_draft_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.year}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
