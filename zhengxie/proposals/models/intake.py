"""Smart intake: each committee's trained model, and what staff were shown for a proposal."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Committee

from .proposals import Proposal


class IntakeModel(models.Model):
    """A committee's model as bytes (intake/storage.py). In the database rather than a file or
    the cache: every app server and the task worker read the same row without a shared disk,
    a cache eviction cannot lose it, and a backup carries it. Each process keeps the loaded
    model in memory and reads the bytes again only when `trained_at` moves."""

    committee = models.OneToOneField(
        Committee, verbose_name=_("政协"), on_delete=models.CASCADE, related_name="+"
    )
    data = models.BinaryField(_("模型"))
    examples = models.PositiveIntegerField(_("学习的提案数"))
    # The register as it stood when trained; retraining follows when it has moved enough.
    registered = models.PositiveIntegerField(_("已立案提案数"))
    assigned = models.PositiveIntegerField(_("已交办提案数"))
    size = models.PositiveIntegerField(_("大小（字节）"))
    seconds = models.FloatField(_("训练用时（秒）"))
    trained_at = models.DateTimeField(_("训练时间"))

    class Meta:
        verbose_name = _("交办建议模型")
        verbose_name_plural = _("交办建议模型")

    def __str__(self) -> str:
        return f"{self.committee_id}:{self.trained_at:%Y-%m-%d %H:%M}"


class IntakeSuggestion(models.Model):
    """The suggestions staff saw while reviewing one proposal. Acceptance is counted against
    these, not against a later model that has learned the office's own choice."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="intake_suggestion"
    )
    categories = models.JSONField(_("建议类别"), default=list)  # names, best first
    lead_units = models.JSONField(_("建议主办单位"), default=list)  # unit ids, best first
    shown_at = models.DateTimeField(_("首次显示"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("交办建议记录")
        verbose_name_plural = _("交办建议记录")

    def __str__(self) -> str:
        return f"{self.proposal_id}: {'、'.join(self.categories)}"
