"""A member's computed year: a cache the engine rebuilds (YearBalance) and, once a year is
closed, the published snapshot (YearResult + rows) that later rule changes never touch."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Committee, Member


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    GOOD = "good", _("良好")
    COMPETENT = "competent", _("称职")
    INCOMPETENT = "incompetent", _("不称职")


class YearFigures(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    points = models.DecimalField(_("积分"), max_digits=8, decimal_places=2, default=0)
    # {kind: points} and {kind: net acts}: the breakdown by source kind.
    breakdown = models.JSONField(_("积分构成"), default=dict)
    counts = models.JSONField(_("履职次数"), default=dict)
    five_ones = models.JSONField(_("五个一"), default=dict)  # {task code: done}
    five_ones_done = models.BooleanField(_("五个一全部完成"), default=False)
    attended = models.BooleanField(_("参加过活动"), default=False)
    absences = models.PositiveIntegerField(_("无故缺席次数"), default=0)
    quality = models.DecimalField(_("工作质效度"), max_digits=5, decimal_places=1, default=0)
    satisfaction = models.DecimalField(
        _("群众满意度"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    reputation = models.DecimalField(_("社会美誉度"), max_digits=5, decimal_places=1, default=0)
    score = models.DecimalField(_("综合得分"), max_digits=5, decimal_places=1, default=0)
    grade = models.CharField(_("等次"), max_length=12, choices=Grade.choices, blank=True)
    scheme_name = models.CharField(_("积分方案"), max_length=60, blank=True)

    class Meta:
        abstract = True


class YearBalance(YearFigures):
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    class Meta:
        verbose_name = _("年度履职积分")
        verbose_name_plural = _("年度履职积分")
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="balance_unique_year"),
        ]
        indexes = [models.Index(fields=["committee", "year"])]

    def __str__(self) -> str:
        return f"{self.member_id} {self.year} {self.points}"


class YearResult(models.Model):
    """A closed year: published once per committee, after which it is never recomputed."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    scheme_name = models.CharField(_("积分方案"), max_length=60)
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度考评结果")
        verbose_name_plural = _("年度考评结果")
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="result_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.year}"


class YearResultRow(YearFigures):
    result = models.ForeignKey(YearResult, on_delete=models.CASCADE, related_name="rows")

    class Meta:
        verbose_name = _("年度考评结果明细")
        verbose_name_plural = _("年度考评结果明细")
        constraints = [
            models.UniqueConstraint(fields=["result", "member"], name="resultrow_unique_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.year} {self.points}"
