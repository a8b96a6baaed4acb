from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Member
from zhengxie.core.models.people import CommitteeScoped


class WarningRule(models.TextChoices):
    """A limit of the activities.absence_limits rule: "<absence rule>_<period>"."""

    PLENARY_YEAR = "plenary_year", _("年内无故缺席全体会议")
    PLENARY_TERM = "plenary_term", _("届内无故缺席全体会议")
    STANDING_YEAR = "standing_year", _("年内无故缺席常委会议")
    STANDING_TERM = "standing_term", _("届内无故缺席常委会议")


class AbsenceWarning(CommitteeScoped):
    """A member reached an absence threshold in a period; one row per member, rule and period
    so the warning goes out once."""

    member = models.ForeignKey(Member, verbose_name=_("委员"), on_delete=models.PROTECT)
    rule = models.CharField(_("规则"), max_length=30, choices=WarningRule.choices)
    period = models.CharField(_("期间"), max_length=20)
    count = models.PositiveSmallIntegerField(_("缺席次数"))
    threshold = models.PositiveSmallIntegerField(_("阈值"))
    created_at = models.DateTimeField(_("预警时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("缺席预警")
        verbose_name_plural = _("缺席预警")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "rule", "period"], name="absencewarning_unique"
            ),
        ]
