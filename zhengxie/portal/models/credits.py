"""Forum credits (积分): an append-only ledger and a cached balance per account."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .boards import Board, CreditAction
from .threads import Post


class CreditEntry(models.Model):
    """One award or reversal; rows are never updated or deleted (a reversal is a new
    negative row pointing at the entry it reverses)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_credits"
    )
    board = models.ForeignKey(Board, null=True, on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey(Post, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("动作"), max_length=10, choices=CreditAction.choices)
    points = models.IntegerField(_("积分"))
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversal"
    )
    note = models.CharField(_("说明"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("积分记录")
        verbose_name_plural = _("积分记录")
        ordering = ["-id"]
        indexes = [models.Index(fields=["user", "-id"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.get_action_display()} {self.points}"


class CreditBalance(models.Model):
    """The sum of a user's ledger, kept beside it; `rebuild_forum_credits` recomputes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="forum_balance",
    )
    total = models.IntegerField(_("总积分"), default=0)
    threads = models.PositiveIntegerField(_("主题数"), default=0)
    posts = models.PositiveIntegerField(_("回帖数"), default=0)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.total}"
