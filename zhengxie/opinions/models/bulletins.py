"""《社情民意》: the committee's internal bulletin, numbered without gaps per year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models.people import CommitteeScoped

from .reports import AdoptionMode


class BulletinCounter(CommitteeScoped):
    """The last issue number per committee and year; its row is the lock numbering takes."""

    year = models.PositiveSmallIntegerField(_("年度"))
    last_number = models.PositiveIntegerField(_("已编期数"), default=0)

    class Meta:
        verbose_name = _("期刊编号")
        verbose_name_plural = _("期刊编号")
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="bulletin_counter_unique"),
        ]


class BulletinIssue(CommitteeScoped):
    """One issue (第N期); issues are official and never deleted, so numbers stay gapless."""

    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("期数"))
    kind = models.CharField(_("编发方式"), max_length=10, choices=AdoptionMode.choices)
    title = models.CharField(_("本期标题"), max_length=120)
    issued_on = models.DateField(_("编发日期"))
    editor = models.CharField(_("责任编辑"), max_length=40, blank=True)
    approver = models.CharField(_("签发"), max_length=40, blank=True)
    sent_to = models.CharField(
        _("报送"), max_length=200, default="市委、市人大常委会、市政府、市政协领导，省政协办公厅"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("编辑人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("社情民意期刊")
        verbose_name_plural = _("社情民意期刊")
        ordering = ["committee", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "number"], name="bulletin_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return _("《社情民意》%(year)s年第%(number)s期") % {
            "year": self.year,
            "number": self.number,
        }
