"""What staff record about a member's public standing: commendations, honours, media reports
and nominations of outstanding members. Official records: soft-deleted only."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Committee, Member


class RecognitionKind(models.TextChoices):
    COMMENDATION = "commendation", _("表彰")  # 通报表扬、年度委员之星
    HONOUR = "honour", _("荣誉称号")  # 优秀政协委员 and the like, with a level
    MEDIA_REPORT = "media_report", _("媒体报道")  # a newspaper or TV report on the member
    NOMINATION = "nomination", _("推荐优秀委员")  # the committee's nomination, not yet an honour


class RecognitionLevel(models.TextChoices):
    NATIONAL = "national", _("全国")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


class Recognition(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name=_("政协"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("委员"), on_delete=models.PROTECT, related_name="recognitions"
    )
    kind = models.CharField(_("类型"), max_length=14, choices=RecognitionKind.choices)
    level = models.CharField(_("级别"), max_length=10, choices=RecognitionLevel.choices)
    title = models.CharField(_("名称或标题"), max_length=120)
    issuer = models.CharField(_("授予单位或媒体"), max_length=80)
    occurred_on = models.DateField(_("日期"))
    link = models.URLField(_("链接"), blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_deleted = models.BooleanField(_("已撤销"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("表彰与报道")
        verbose_name_plural = _("表彰与报道")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["committee", "kind", "level"])]

    def __str__(self) -> str:
        return f"{self.member} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("duty:recognitions") + f"?committee={self.committee_id}#r{self.pk}"
