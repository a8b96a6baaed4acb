"""委员来信: what a proposal becomes when the committee's review finds it a matter for a letter
rather than a proposal (转委员来信). The office forwards it to the unit or department concerned
and closes it with the answer; the proposers follow it on their own page."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import HandlingUnit
from zhengxie.core.models.people import CommitteeScoped

from .proposals import Proposal


class LetterState(models.TextChoices):
    OPEN = "open", _("待转办")  # the office is to forward it or answer it itself
    FORWARDED = "forwarded", _("已转办")  # with the unit concerned; the office awaits its answer
    ANSWERED = "answered", _("已答复")  # closed with the answer given to the proposers


class Letter(CommitteeScoped):
    proposal = models.OneToOneField(
        Proposal, verbose_name=_("原提案"), on_delete=models.PROTECT, related_name="letter"
    )
    title = models.CharField(_("标题"), max_length=200)
    state = models.CharField(
        _("状态"), max_length=10, choices=LetterState.choices, default=LetterState.OPEN
    )
    unit = models.ForeignKey(
        HandlingUnit,
        verbose_name=_("转办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forwarded_on = models.DateField(_("转办日期"), null=True, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Now, or when the review decided to convert, for a decision entered later (its `at`).
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("委员来信")
        verbose_name_plural = _("委员来信")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["committee", "state"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("proposals:letter", args=[self.pk])
