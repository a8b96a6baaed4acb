"""文史馆网上展馆: staff-curated exhibitions of items with images, captions and texts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models.people import CommitteeScoped


class HallTheme(models.TextChoices):
    BRONZE = "bronze", _("编钟青铜")  # 曾侯乙编钟与曾国青铜器
    ORIGINS = "origins", _("炎帝神农")  # 炎帝神农故里与寻根文化
    LOCAL = "local", _("随州文史")  # 地方文史资料与政协史料
    REVOLUTION = "revolution", _("红色记忆")  # 革命史迹


class Exhibition(CommitteeScoped):
    slug = models.SlugField(_("代码"), max_length=40)
    title = models.CharField(_("展览名称"), max_length=80)
    theme = models.CharField(_("主题"), max_length=12, choices=HallTheme.choices)
    period = models.CharField(_("时期"), max_length=40, help_text=_("如 战国早期"))
    summary = models.TextField(_("前言"))
    is_published = models.BooleanField(_("已发布"), default=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("展览")
        verbose_name_plural = _("展览")
        ordering = ["committee", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "slug"], name="exhibition_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.title


class ExhibitItem(models.Model):
    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("展品名称"), max_length=80)
    image = models.FileField(_("图片"), upload_to="portal/hall/%Y/", blank=True)
    caption = models.CharField(_("图注"), max_length=120, blank=True)
    description = models.TextField(_("说明"))
    period = models.CharField(_("年代"), max_length=40, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("展品")
        verbose_name_plural = _("展品")
        ordering = ["exhibition", "sort_order", "id"]

    def __str__(self) -> str:
        return self.title
