"""委员读书: reading groups with a book list, members, sessions and notes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Member
from zhengxie.core.models.people import CommitteeScoped


class ReadingGroup(CommitteeScoped):
    name = models.CharField(_("读书群名称"), max_length=60)
    leader = models.ForeignKey(
        Member,
        verbose_name=_("群主"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(Member, verbose_name=_("成员"), related_name="reading_groups")
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("读书群")
        verbose_name_plural = _("读书群")
        ordering = ["committee", "id"]

    def __str__(self) -> str:
        return self.name


class ReadingBook(models.Model):
    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="books")
    title = models.CharField(_("书名"), max_length=120)
    author = models.CharField(_("作者"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("书目")
        verbose_name_plural = _("书目")
        ordering = ["group", "id"]

    def __str__(self) -> str:
        return self.title


class ReadingSession(CommitteeScoped):
    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="sessions")
    book = models.ForeignKey(ReadingBook, null=True, blank=True, on_delete=models.SET_NULL)
    topic = models.CharField(_("交流主题"), max_length=120)
    held_on = models.DateField(_("日期"))
    summary = models.TextField(_("交流纪要"), blank=True)
    attendees = models.ManyToManyField(Member, verbose_name=_("参加成员"), related_name="+")
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        verbose_name = _("读书交流")
        verbose_name_plural = _("读书交流")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.topic


class ReadingNote(CommitteeScoped):
    session = models.ForeignKey(ReadingSession, on_delete=models.CASCADE, related_name="notes")
    member = models.ForeignKey(Member, verbose_name=_("委员"), on_delete=models.PROTECT)
    text = models.TextField(_("读书心得"))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("读书心得")
        verbose_name_plural = _("读书心得")
        ordering = ["session", "id"]
