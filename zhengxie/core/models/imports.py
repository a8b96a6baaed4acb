"""A roster upload and its progress, polled by the upload page while a task works on it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .committees import Committee
from .leases import LeasedJob


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")  # uploaded, the task has not started
    VALIDATING = "validating", _("校验中")  # reading and checking every row
    APPLYING = "applying", _("导入中")  # writing in one transaction
    FAILED = "failed", _("校验未通过")  # some row is invalid: nothing was written
    DONE = "done", _("已完成")  # written (or, for a dry run, checked without writing)


class RosterImport(LeasedJob):
    committee = models.ForeignKey(Committee, verbose_name=_("政协"), on_delete=models.PROTECT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT
    )
    file_name = models.CharField(_("文件名"), max_length=200)
    # The workbook is kept only until the task has read it: rosters hold personal data.
    content = models.BinaryField(_("文件内容"), blank=True)
    dry_run = models.BooleanField(_("仅校验"), default=False)
    status = models.CharField(
        _("状态"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("总行数"), default=0)
    processed_rows = models.PositiveIntegerField(_("已处理行数"), default=0)
    created_count = models.PositiveIntegerField(_("新增"), default=0)
    updated_count = models.PositiveIntegerField(_("更新"), default=0)
    unchanged_count = models.PositiveIntegerField(_("未变"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("名册导入")
        verbose_name_plural = _("名册导入")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.FAILED, ImportStatus.DONE}

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        return int(self.processed_rows * 100 / self.total_rows) if self.total_rows else 0
