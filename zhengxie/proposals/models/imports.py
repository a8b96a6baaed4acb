"""A register upload and its progress, polled by the upload page while a task works on it.

The job lives in the database, not in the cache: the cache is only a cache, and the sweep of
lost jobs (core.leases) must find every job that is still running."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import LeasedJob, Plenary


class RegisterImportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")  # uploaded, no worker has it
    RUNNING = "running", _("导入中")  # a worker is checking or writing it
    DONE = "done", _("已完成")  # written (or, for a dry run, checked without writing)
    FAILED = "failed", _("失败")  # some row is invalid, or the worker was lost: nothing written


class RegisterImport(LeasedJob):
    token = models.CharField(max_length=32, unique=True)  # the progress page's address
    plenary = models.ForeignKey(Plenary, verbose_name=_("会议"), on_delete=models.PROTECT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT
    )
    file_name = models.CharField(_("文件名"), max_length=200)
    # The workbook in private storage, kept until the job has finished (a retried job reads
    # it again) and deleted then.
    path = models.CharField(max_length=200, blank=True)
    dry_run = models.BooleanField(_("仅校验"), default=False)
    credit_duty = models.BooleanField(_("计入履职积分"), default=False)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=RegisterImportStatus.choices,
        default=RegisterImportStatus.QUEUED,
    )
    done = models.PositiveIntegerField(_("已处理行数"), default=0)
    total = models.PositiveIntegerField(_("总行数"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    result = models.JSONField(null=True, blank=True)  # [created, updated, unchanged]
    # With the duty-credit option: [credits, members, names not on the roster], and the
    # ledger rows the write added.
    credit_plan = models.JSONField(null=True, blank=True)
    credited = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("提案登记表导入")
        verbose_name_plural = _("提案登记表导入")

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_finished(self) -> bool:
        return self.status in {RegisterImportStatus.DONE, RegisterImportStatus.FAILED}
