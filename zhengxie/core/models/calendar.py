from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """An override of the national holiday schedule: a day off or a workday the office records
    for every committee (no committee), or one committee's own extra day (with it). Deadlines
    in working days read these rows on top of the national schedule."""

    committee = models.ForeignKey(
        "core.Committee",
        verbose_name=_("政协"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_days",
        help_text=_("留空则适用于所有政协。"),
    )
    date = models.DateField(_("日期"))
    is_workday = models.BooleanField(_("上班"), default=False)
    note = models.CharField(_("说明"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "date"], name="calendar_day_once_per_committee"
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(committee__isnull=True),
                name="calendar_day_once_for_all",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.note}"
