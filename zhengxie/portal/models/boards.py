"""Board groups and boards (版块), each with its own audience per action, moderators and
credit rules (Discuz's forum_forumfield *perm columns and per-board credit overrides)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models.people import CommitteeScoped


class Audience(models.TextChoices):
    """Who a board lets do something; a logged-in account is always at least a resident."""

    GUEST = "guest", _("游客")  # not logged in
    RESIDENT = "resident", _("注册会员")  # any logged-in account
    MEMBER = "member", _("政协委员")  # holds the member role in the board's committee
    STAFF = "staff", _("机关工作人员")  # staff or administrator of the board's committee


class BoardKind(models.TextChoices):
    DISCUSSION = "discussion", _("讨论区")  # an ordinary forum board
    NEWS = "news", _("新闻")  # staff publish articles; the portal home lists them
    DELIBERATION = "deliberation", _("网络议政")  # threads link to a consultation topic


class CreditAction(models.TextChoices):
    THREAD = "thread", _("发表主题")  # Discuz `post`: +2
    REPLY = "reply", _("发表回复")  # Discuz `reply`: +1
    DIGEST = "digest", _("加精华")  # Discuz `digest`: +5
    DELETED = "deleted", _("帖子被删除")  # a penalty on top of reversing the award


class BoardGroup(CommitteeScoped):
    name = models.CharField(_("分区名称"), max_length=40)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("版块分区")
        verbose_name_plural = _("版块分区")
        ordering = ["committee", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name


def _audiences(*values: str) -> list[str]:
    return list(values)


def default_view() -> list[str]:
    return _audiences(Audience.GUEST, Audience.RESIDENT, Audience.MEMBER, Audience.STAFF)


def default_post() -> list[str]:
    return _audiences(Audience.RESIDENT, Audience.MEMBER, Audience.STAFF)


class Board(CommitteeScoped):
    group = models.ForeignKey(
        BoardGroup, verbose_name=_("分区"), on_delete=models.PROTECT, related_name="boards"
    )
    slug = models.SlugField(_("代码"), max_length=40)
    name = models.CharField(_("版块名称"), max_length=40)
    description = models.CharField(_("简介"), max_length=200, blank=True)
    kind = models.CharField(
        _("类型"), max_length=14, choices=BoardKind.choices, default=BoardKind.DISCUSSION
    )
    view_audience = models.JSONField(_("可浏览"), default=default_view)
    post_audience = models.JSONField(_("可发主题"), default=default_post)
    reply_audience = models.JSONField(_("可回复"), default=default_post)
    download_audience = models.JSONField(_("可下载附件"), default=default_post)
    requires_approval = models.BooleanField(_("发帖需审核"), default=False)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("版主"), blank=True, related_name="+"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    history = HistoricalRecords(m2m_fields=[moderators])

    class Meta:
        verbose_name = _("版块")
        verbose_name_plural = _("版块")
        ordering = ["committee", "group__sort_order", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "slug"], name="board_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class BoardCreditRule(models.Model):
    """One board's override of a default credit rule (Discuz common_credit_rule.fids)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="credit_rules")
    action = models.CharField(_("动作"), max_length=10, choices=CreditAction.choices)
    points = models.IntegerField(_("积分"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("本版积分规则")
        verbose_name_plural = _("本版积分规则")
        constraints = [
            models.UniqueConstraint(fields=["board", "action"], name="board_rule_unique_action"),
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.get_action_display()} {self.points}"
