"""委员三联系: a member's visit or contact, which may raise a case."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Member, Town
from zhengxie.core.models.people import CommitteeScoped


class ContactRecord(CommitteeScoped):
    member = models.ForeignKey(
        Member, verbose_name=_("委员"), on_delete=models.PROTECT, related_name="contact_records"
    )
    # A code from the committee's configurable list (grassroots.contact_kinds).
    kind = models.CharField(_("联系类型"), max_length=20)
    target = models.CharField(_("联系对象"), max_length=80)
    town = models.ForeignKey(
        Town, verbose_name=_("乡镇街道"), null=True, blank=True, on_delete=models.PROTECT
    )
    occurred_on = models.DateField(_("日期"))
    content = models.TextField(_("内容"))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联系群众记录")
        verbose_name_plural = _("联系群众记录")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["committee", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.member} · {self.target}"
