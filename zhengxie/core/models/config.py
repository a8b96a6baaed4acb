from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords

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


class DemoLoad(models.Model):
    """The demo world was loaded into this database. seed_demo loads it only into an empty
    database: a database holding records but no such row holds real ones, and the demo, with
    its public password on every account, must not be mixed into them."""

    seed = models.IntegerField()
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("演示数据载入记录")
        verbose_name_plural = _("演示数据载入记录")

    def __str__(self) -> str:
        return f"demo seed {self.seed} at {self.loaded_at:%Y-%m-%d %H:%M}"
