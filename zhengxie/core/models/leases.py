"""The lease every background job row carries (see core.leases)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LeasedJob(models.Model):
    # Set when a worker takes the job and renewed while it runs; cleared when the job is put
    # back in the queue. A running job whose heartbeat has gone stale has lost its worker.
    heartbeat_at = models.DateTimeField(_("心跳时间"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)

    class Meta:
        abstract = True


class TaskLease(LeasedJob):
    """The lease of one task in the database queue (django_tasks_db's row, which has no
    heartbeat of its own), and the id of the request that queued it, so the worker's log
    lines carry it. Written when the task is queued, beaten while a worker runs it."""

    task = models.OneToOneField(
        "django_tasks_database.DBTaskResult",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="lease",
        verbose_name=_("任务"),
    )
    request_id = models.CharField(_("请求编号"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("任务租约")
        verbose_name_plural = _("任务租约")

    def __str__(self) -> str:
        return str(self.task_id)
