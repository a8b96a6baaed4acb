"""The tenants: a city committee with its county-level committees, their terms and plenaries."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords


class CommitteeLevel(models.TextChoices):
    PROVINCIAL = "provincial", _("省级")  # 省政协: reads every committee below it
    CITY = "city", _("市级")  # 市政协: sees the roll-up of its counties where the role allows
    COUNTY = "county", _("县级")  # 县(市、区)政协: sees only its own records


class Committee(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    level = models.CharField(_("级别"), max_length=10, choices=CommitteeLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级政协"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.CharField(_("行政区域"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("政协")
        verbose_name_plural = _("政协")
        ordering = ["level", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Term(models.Model):
    """届: e.g. 第五届, with the years it covers."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField(_("届次"))
    start_year = models.PositiveSmallIntegerField(_("起始年份"))
    end_year = models.PositiveSmallIntegerField(_("结束年份"))
    is_current = models.BooleanField(_("本届"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("届")
        verbose_name_plural = _("届")
        ordering = ["committee", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="term_unique_number"),
        ]

    def __str__(self) -> str:
        return _("%(committee)s第%(number)s届") % {
            "committee": self.committee.display_name,
            "number": self.number,
        }


class Plenary(models.Model):
    """次会议: a plenary session; it opens and closes the window for 大会提案."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="plenaries")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="plenaries")
    session = models.PositiveSmallIntegerField(_("次"))
    code = models.CharField(_("代码"), max_length=10, help_text=_("如 5-1 表示五届一次会议"))
    name = models.CharField(_("名称"), max_length=60)
    opens_on = models.DateField(_("开幕日期"))
    closes_on = models.DateField(_("闭幕日期"))
    intake_opens_on = models.DateField(_("大会提案征集开始"))
    intake_closes_on = models.DateField(_("大会提案截止"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        ordering = ["committee", "-opens_on"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "code"], name="plenary_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def year(self) -> int:
        return self.opens_on.year
