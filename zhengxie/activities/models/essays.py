"""理论征文: a call with a deadline, members' essays, reviewers' scores and the results."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Member
from zhengxie.core.models.people import CommitteeScoped


class EssayCallState(models.TextChoices):
    OPEN = "open", _("征集中")
    REVIEWING = "reviewing", _("评审中")
    PUBLISHED = "published", _("已公布结果")


class EssayState(models.TextChoices):
    SUBMITTED = "submitted", _("已投稿")
    AWARDED = "awarded", _("已评定")


class EssayCall(CommitteeScoped):
    title = models.CharField(_("征文名称"), max_length=120)
    theme = models.TextField(_("征文主题"), blank=True)
    deadline = models.DateField(_("截止日期"))
    state = models.CharField(
        _("状态"), max_length=10, choices=EssayCallState.choices, default=EssayCallState.OPEN
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("评审人"), blank=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[reviewers])

    class Meta:
        verbose_name = _("理论征文")
        verbose_name_plural = _("理论征文")
        ordering = ["-deadline", "-id"]

    def __str__(self) -> str:
        return self.title


class Essay(CommitteeScoped):
    call = models.ForeignKey(EssayCall, on_delete=models.PROTECT, related_name="essays")
    member = models.ForeignKey(Member, verbose_name=_("作者"), on_delete=models.PROTECT)
    title = models.CharField(_("题目"), max_length=120)
    body = models.TextField(_("正文"))
    submitted_on = models.DateField(_("提交日期"))
    average_score = models.DecimalField(
        _("平均分"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    award = models.CharField(_("评审结果"), max_length=20, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=EssayState.choices, default=EssayState.SUBMITTED
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("征文")
        verbose_name_plural = _("征文")
        ordering = ["call", "-average_score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "member", "title"], name="essay_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class EssayScore(models.Model):
    essay = models.ForeignKey(Essay, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField(_("评分"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [
            models.UniqueConstraint(fields=["essay", "reviewer"], name="essayscore_unique"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="essayscore_max"),
        ]

    def __str__(self) -> str:
        return f"{self.essay_id}:{self.score}"
