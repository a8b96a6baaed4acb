"""委员风采: a member's public page on the portal, shown only when the member switches it on.
Staff may feature a page that is on (it is listed first); they cannot publish one for the
member. The page shows what the member did, never how to reach them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Member
from zhengxie.core.models.people import CommitteeScoped


class Showcase(CommitteeScoped):
    member = models.OneToOneField(
        Member, verbose_name=_("委员"), on_delete=models.CASCADE, related_name="showcase"
    )
    is_public = models.BooleanField(_("公开风采页"), default=False)
    is_featured = models.BooleanField(_("推荐"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("委员风采")
        verbose_name_plural = _("委员风采")
        indexes = [models.Index(fields=["committee", "is_public"])]

    def __str__(self) -> str:
        return str(self.member)
