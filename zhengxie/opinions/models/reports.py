"""社情民意信息: one piece of information a member or a body reports to the committee."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import HandlingUnit, Member
from zhengxie.core.models.people import CommitteeScoped


class OpinionState(models.TextChoices):
    DRAFT = "draft", _("草稿")  # only the authors see it
    SUBMITTED = "submitted", _("已报送")  # waiting in the information office's intake
    EDITING = "editing", _("编辑中")  # an editor works on it
    RETURNED = "returned", _("退回修改")  # back with the editor's comments; authors resubmit
    ADOPTED = "adopted", _("已采用")  # edited into the bulletin, single or combined
    FORWARDED = "forwarded", _("转送部门")  # the original sent to a department to handle
    DECLINED = "declined", _("不予采用")  # closed with the editor's reasons


class AdoptionMode(models.TextChoices):
    SINGLE = "single", _("单篇采用")  # 单篇编发: the report alone makes an issue
    COMBINED = "combined", _("综合编发")  # several reports combined into one issue


class AuthorBodyKind(models.TextChoices):
    PARTY = "party", _("民主党派")  # 各民主党派、工商联
    SECTOR = "sector", _("界别")
    SPECIAL_COMMITTEE = "special", _("专门委员会")
    OTHER = "other", _("其他单位")  # 人民团体、联络组、信息员所在单位


_TONES = {
    OpinionState.ADOPTED: "ok",
    OpinionState.SUBMITTED: "warn",
    OpinionState.EDITING: "warn",
    OpinionState.RETURNED: "warn",
    OpinionState.DECLINED: "bad",
}


class OpinionReport(CommitteeScoped):
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("正文"))
    category = models.CharField(_("类别"), max_length=20, blank=True)
    members = models.ManyToManyField(
        Member, verbose_name=_("反映委员"), blank=True, related_name="opinion_reports"
    )
    body_kind = models.CharField(
        _("反映单位类型"), max_length=10, choices=AuthorBodyKind.choices, blank=True
    )
    body_name = models.CharField(_("反映单位"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=OpinionState.choices, default=OpinionState.DRAFT
    )
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    editor_comments = models.TextField(_("编辑意见"), blank=True)
    adoption_mode = models.CharField(
        _("采用方式"), max_length=10, choices=AdoptionMode.choices, blank=True
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    bulletin = models.ForeignKey(
        "BulletinIssue",
        verbose_name=_("编入期刊"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    bulletin_position = models.PositiveSmallIntegerField(_("期内顺序"), default=0)
    forwarded_unit = models.ForeignKey(
        HandlingUnit,
        verbose_name=_("转送部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A report converted from another record (a proposal the review turned into information)
    # keeps a generic link to it, so this app never imports the source app.
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(_("来源"), max_length=60, blank=True)
    # 逐级报送: the report a lower committee on the platform handed up; this one is the upper
    # committee's own record of it, edited and decided there. The lower one keeps the latest
    # word from above in upper_decision.
    escalated_from = models.ForeignKey(
        "self",
        verbose_name=_("下级政协报送的原信息"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handoffs",
    )
    upper_decision = models.CharField(_("上级政协办理情况"), max_length=120, blank=True)
    is_deleted = models.BooleanField(_("已删除"), default=False)
    # Now, or when the act that created it was taken, for one entered later (a proposal the
    # review converted on an earlier day).
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    # Leaders' instructions on the report: the instructions app's rows, read from here.
    instructions = GenericRelation(
        "instructions.Instruction", content_type_field="target_type", object_id_field="target_id"
    )
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("社情民意信息")
        verbose_name_plural = _("社情民意信息")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["committee", "state", "submitted_at"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="adopted") | ~models.Q(adoption_mode=""),
                name="opinion_adopted_has_mode",
            ),
            models.UniqueConstraint(
                fields=["escalated_from"],
                condition=models.Q(is_deleted=False),
                name="opinion_one_handoff_per_report",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def state_tone(self) -> str:
        """The tag colour lists use: done well, waiting on someone, or closed without use."""
        return _TONES.get(self.state, "")

    @property
    def author_line(self) -> str:
        """反映人 as the bulletin prints it: the body first, then the members."""
        names = [m.name for m in self.members.all()]
        parts = [self.body_name] if self.body_name else []
        return "、".join(parts + names)
