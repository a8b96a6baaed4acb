"""用人单位: an employer, registered by its own account or imported by staff, verified by the
office before any of its jobs shows (信息可靠)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Member, Town
from zhengxie.core.models.people import CommitteeScoped


class EmployerState(models.TextChoices):
    PENDING = "pending", _("待核验")  # registered or imported; its jobs cannot be published
    VERIFIED = "verified", _("已核验")  # staff checked the licence and the credit code
    REJECTED = "rejected", _("未通过核验")  # the licence or the code did not hold up


class Employer(CommitteeScoped):
    name = models.CharField(_("单位名称"), max_length=100)
    # 统一社会信用代码 (GB 32100-2015), stored compact and upper-case; the check character
    # is verified by the service before it is saved.
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18)
    contact_person = models.CharField(_("联系人"), max_length=40)
    contact_phone = models.CharField(_("联系电话"), max_length=11)
    licence = models.FileField(_("营业执照"), upload_to="jobs/licences", blank=True)
    town = models.ForeignKey(
        Town, verbose_name=_("所在乡镇街道"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("地址"), max_length=120, blank=True)
    # A member's enterprise (委员企业): counted in the figures of members' enterprises hiring.
    member = models.ForeignKey(
        Member,
        verbose_name=_("委员企业所属委员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enterprises",
    )
    # The account that manages the employer's jobs; empty for an imported employer until one
    # registers with the same credit code.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("管理账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employers",
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=EmployerState.choices, default=EmployerState.PENDING
    )
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("用人单位")
        verbose_name_plural = _("用人单位")
        ordering = ["committee", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "credit_code"], name="employer_unique_credit_code"
            ),
        ]
        indexes = [models.Index(fields=["committee", "state"], name="employer_committee_state")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("jobs:employer_detail", args=[self.pk])

    @property
    def is_verified(self) -> bool:
        return self.state == EmployerState.VERIFIED
