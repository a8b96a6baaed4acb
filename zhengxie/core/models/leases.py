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
