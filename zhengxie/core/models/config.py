from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .committees import Committee


class CommitteeSetting(models.Model):
    """A rule one committee sets for itself (deadlines, dictionaries, thresholds). Defaults are
    registered in code with their source; a row here overrides the default for one committee."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="settings")
    key = models.CharField(_("键"), max_length=80)
    value = models.JSONField(_("值"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("规则设置")
        verbose_name_plural = _("规则设置")
        constraints = [
            models.UniqueConstraint(fields=["committee", "key"], name="setting_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.committee.code}:{self.key}"
