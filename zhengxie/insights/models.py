"""A generated annual review: the job, its progress and the files it produced."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("年度回眸生成任务")
        verbose_name_plural = _("年度回眸生成任务")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.committee} {self.year}"
