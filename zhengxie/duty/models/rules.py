"""Points rules as data: a committee picks one scheme; a scheme is groups and rules.

No formula is evaluated: a rule is "so many points per act of this kind and role", with an
optional annual cap; a group adds a starting allowance, a ceiling and a floor, and decides
whether its rules add up or only the best one counts (不重复计分).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Committee

from .ledger import DutyKind


class SchemeKind(models.TextChoices):
    ADDITIVE = "additive", _("加分制")  # 闵行: from 0, no ceiling
    HUNDRED = "hundred", _("百分制")  # 安庆: sections with allowances, deductions to a floor


class CombineMode(models.TextChoices):
    SUM = "sum", _("累加")  # every rule of the group adds
    MAX = "max", _("取最高，不重复计分")  # 个人提案与联名提案计最高分值，不重复计分


class PointsScheme(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name=_("政协"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("代码"), max_length=30)
    name = models.CharField(_("名称"), max_length=60)
    kind = models.CharField(_("计分方式"), max_length=10, choices=SchemeKind.choices)
    # The points that count as a full 100 in 工作质效度 (a 100-point scheme: 100).
    full_marks = models.DecimalField(_("质效度满分对应积分"), max_digits=7, decimal_places=2)
    is_active = models.BooleanField(_("启用"), default=False)
    source = models.CharField(_("依据"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("积分方案")
        verbose_name_plural = _("积分方案")
        ordering = ["committee", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "code"], name="scheme_unique_code"),
            models.UniqueConstraint(
                fields=["committee"],
                condition=models.Q(is_active=True),
                name="scheme_one_active",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PointsGroup(models.Model):
    scheme = models.ForeignKey(PointsScheme, on_delete=models.CASCADE, related_name="groups")
    code = models.SlugField(_("代码"), max_length=30)
    name = models.CharField(_("名称"), max_length=60)
    combine = models.CharField(
        _("合并方式"), max_length=4, choices=CombineMode.choices, default=CombineMode.SUM
    )
    base = models.DecimalField(_("起始分"), max_digits=7, decimal_places=2, default=0)
    ceiling = models.DecimalField(_("上限"), max_digits=7, decimal_places=2, null=True, blank=True)
    floor = models.DecimalField(_("下限"), max_digits=7, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("积分分组")
        verbose_name_plural = _("积分分组")
        ordering = ["scheme", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="group_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name


class PointsRule(models.Model):
    scheme = models.ForeignKey(PointsScheme, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("履职类别"), max_length=24, choices=DutyKind.choices)
    # Blank matches any role the kind has no own rule for.
    role = models.CharField(_("角色"), max_length=24, blank=True)
    points = models.DecimalField(_("每次分值"), max_digits=6, decimal_places=2)
    annual_cap = models.DecimalField(
        _("年度上限"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("本条规则一年最多计多少分（扣分为最多扣多少分）；空为不限"),
    )
    group = models.ForeignKey(
        PointsGroup,
        verbose_name=_("分组"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rules",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("积分规则")
        verbose_name_plural = _("积分规则")
        ordering = ["scheme", "kind", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind", "role"], name="rule_unique_act"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.role} {self.points}"


class AnnualTask(models.Model):
    """One of the "five ones" (五个一): done when the member has required_count matching acts.
    acts: [[kind, role], ...]; a blank role matches any role of that kind."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("政协"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("代码"), max_length=30)
    name = models.CharField(_("名称"), max_length=60)
    required_count = models.PositiveSmallIntegerField(_("要求次数"), default=1)
    acts = models.JSONField(_("计入的履职"), default=list)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度任务")
        verbose_name_plural = _("年度任务")
        ordering = ["committee", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "code"], name="task_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name
