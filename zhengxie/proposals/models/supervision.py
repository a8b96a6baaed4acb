"""Key proposals (重点提案) with their supervising leader and the supervision log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Committee

from .proposals import Proposal


class SupervisorKind(models.TextChoices):
    PARTY_GOVERNMENT = "party_gov", _("党政领导")  # 市委、市政府领导领衔督办
    CHAIR = "chair", _("主席会议成员")  # 政协主席、副主席、秘书长督办
    SPECIAL_COMMITTEE = "special", _("专委会")
    OTHER = "other", _("其他")


class KeyProposal(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="key")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("督办领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_proposals",
    )
    supervisor_name = models.CharField(_("督办领导姓名"), max_length=40)
    supervisor_kind = models.CharField(_("督办类型"), max_length=10, choices=SupervisorKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    selected_on = models.DateField(_("确定日期"))
    note = models.TextField(_("说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("重点提案")
        verbose_name_plural = _("重点提案")
        ordering = ["committee", "-year", "id"]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.supervisor_name}"


class SupervisionForm(models.TextChoices):
    INSPECTION = "inspection", _("实地视察")
    SYMPOSIUM = "symposium", _("座谈会")
    CONSULTATION = "consultation", _("督办协商会")
    VISIT = "visit", _("走访承办单位")
    EVALUATION = "evaluation", _("民主评议")


class SupervisionLog(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    key_proposal = models.ForeignKey(
        KeyProposal, on_delete=models.CASCADE, related_name="supervision_logs"
    )
    happened_on = models.DateField(_("日期"))
    form = models.CharField(_("形式"), max_length=14, choices=SupervisionForm.choices)
    participants = models.CharField(_("参加人员"), max_length=200, blank=True)
    notes = models.TextField(_("督办情况"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("督办记录")
        verbose_name_plural = _("督办记录")
        ordering = ["key_proposal", "-happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.key_proposal_id} {self.happened_on}"
