"""Threads (主题), posts on numbered floors (楼层), attachments and the view buffer."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models.people import CommitteeScoped

from .boards import Board


class PostStatus(models.TextChoices):
    VISIBLE = "visible", _("正常")
    PENDING = "pending", _("待审核")  # in the moderation queue, seen by author and moderators
    HIDDEN = "hidden", _("已屏蔽")  # a moderator hid it; the floor shows a notice
    DELETED = "deleted", _("已删除")  # soft delete; the floor keeps its number


class Thread(CommitteeScoped):
    board = models.ForeignKey(
        Board, verbose_name=_("版块"), on_delete=models.PROTECT, related_name="threads"
    )
    title = models.CharField(_("标题"), max_length=120)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("作者"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("发表于"))
    last_post_at = models.DateTimeField(_("最后回复"))
    status = models.CharField(
        _("状态"), max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE
    )
    # Stored views; buffered views are added on display and folded in by flush_thread_views.
    views = models.PositiveBigIntegerField(_("查看"), default=0)
    replies = models.PositiveIntegerField(_("回复"), default=0)
    # The highest floor handed out; floors are never reused, so deleted floors keep theirs.
    max_floor = models.PositiveIntegerField(default=0)
    is_locked = models.BooleanField(_("关闭"), default=False)
    is_pinned = models.BooleanField(_("置顶"), default=False)
    is_digest = models.BooleanField(_("精华"), default=False)
    # 网络议政: a plain topic title, and optionally a generic reference to the topic record.
    topic_title = models.CharField(_("协商议题"), max_length=120, blank=True)
    topic_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic_id = models.PositiveBigIntegerField(null=True, blank=True)
    # A news article's byline (随州日报全媒记者 陈巧玲 林超) and where it first appeared.
    byline = models.CharField(_("署名"), max_length=120, blank=True)
    source = models.CharField(_("来源"), max_length=120, blank=True)
    history = HistoricalRecords(excluded_fields=["views", "last_post_at"])

    class Meta:
        verbose_name = _("主题")
        verbose_name_plural = _("主题")
        ordering = ["-is_pinned", "-last_post_at", "-id"]
        indexes = [
            models.Index(fields=["board", "status", "-is_pinned", "-last_post_at"]),
            models.Index(fields=["author", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class Post(CommitteeScoped):
    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="posts")
    floor = models.PositiveIntegerField(_("楼层"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("作者"), on_delete=models.PROTECT, related_name="+"
    )
    body_html = models.TextField(_("内容"))  # sanitised on the way in, never on display
    body_text = models.TextField(blank=True)  # plain text for search and previews
    created_at = models.DateTimeField(_("发表于"))
    status = models.CharField(
        _("状态"), max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE
    )
    history = HistoricalRecords(excluded_fields=["body_text"])

    class Meta:
        verbose_name = _("帖子")
        verbose_name_plural = _("帖子")
        ordering = ["thread", "floor"]
        constraints = [
            # The safety net under the row lock: two writers can never share a floor.
            models.UniqueConstraint(fields=["thread", "floor"], name="post_unique_floor"),
        ]
        indexes = [models.Index(fields=["author", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.floor}"


class Attachment(CommitteeScoped):
    """An uploaded image or file, outside the web root, served through a permission check."""

    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to="portal/attachments/%Y/%m/")
    original_name = models.CharField(_("文件名"), max_length=120)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField(_("大小"))
    is_image = models.BooleanField(default=False)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    # Uploaded with its post, so dated by it (a post entered later keeps its own day).
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.original_name


class ThreadViewBuffer(models.Model):
    """Views not yet folded into Thread.views when no Redis is configured (Discuz's
    forum_threadaddviews): the hot thread row is never written per request."""

    thread = models.OneToOneField(Thread, primary_key=True, on_delete=models.CASCADE)
    pending = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.thread_id}+{self.pending}"


class ViewFold(models.Model):
    """A batch of Redis-buffered views already folded into Thread.views, written in the same
    transaction as the fold: a flush that finds the batch here folds nothing, so two
    overlapping flushes, or one retried after a crash, count each view once."""

    batch = models.CharField(max_length=32, primary_key=True)
    folded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.batch
