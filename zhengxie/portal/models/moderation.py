"""Reports, bans and the log of every moderator act."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models.people import CommitteeScoped

from .threads import Post, Thread


class ReportStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    HANDLED = "handled", _("已处理")  # a moderator acted on the post
    DISMISSED = "dismissed", _("已驳回")  # nothing wrong with the post


class Report(CommitteeScoped):
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("举报理由"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("举报")
        verbose_name_plural = _("举报")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(status="open"),
                name="report_one_open_per_reporter",
            ),
        ]


class ForumBan(CommitteeScoped):
    """A ban from posting in one board (a moderator's ban, within the boards they moderate)
    or, with no board, in every board of the committee's forum (staff only); `until` empty
    means until lifted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    board = models.ForeignKey(
        "portal.Board",
        verbose_name=_("版块"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空表示在本政协论坛的所有版块禁言"),
    )
    reason = models.CharField(_("原因"), max_length=200)
    until = models.DateTimeField(_("截止"), null=True, blank=True)
    lifted = models.BooleanField(_("已解除"), default=False)
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("禁言")
        verbose_name_plural = _("禁言")
        ordering = ["-id"]


class ModAct(models.TextChoices):
    HIDE = "hide", _("屏蔽")
    UNHIDE = "unhide", _("取消屏蔽")
    DELETE = "delete", _("删除")
    APPROVE = "approve", _("审核通过")
    MOVE = "move", _("移动")
    LOCK = "lock", _("关闭")
    UNLOCK = "unlock", _("打开")
    PIN = "pin", _("置顶")
    UNPIN = "unpin", _("取消置顶")
    DIGEST = "digest", _("加精")
    UNDIGEST = "undigest", _("取消精华")
    BAN = "ban", _("禁言")
    DISMISS = "dismiss", _("驳回举报")
    OVERRIDE = "override", _("强制调整状态")  # a floor moved to any status, with a reason


class ModerationAction(CommitteeScoped):
    """Every moderator act, readable by staff (Discuz forum_threadmod)."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    act = models.CharField(_("操作"), max_length=10, choices=ModAct.choices)
    thread = models.ForeignKey(Thread, null=True, on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey(Post, null=True, on_delete=models.PROTECT, related_name="+")
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("理由"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("管理记录")
        verbose_name_plural = _("管理记录")
        ordering = ["-id"]
