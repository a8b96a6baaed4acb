"""The proposal itself, its proposers, co-signature invitations, the 案号 counter, attachments."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Committee, HandlingUnit, Member, Plenary


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("草稿")  # being written; autosaved
    COSIGNING = "cosigning", _("联名征集中")  # joint: co-signers confirm before a deadline
    SUBMITTED = "submitted", _("已提交")  # waiting for the preliminary review (预审)
    IN_REVIEW = "in_review", _("审查中")  # preliminary opinion given; committee decides
    RETURNED = "returned", _("退回修改")  # the proposer revises and submits again
    REGISTERED = "registered", _("已立案")  # has its 案号; waits for assignment
    MERGED = "merged", _("已并案")  # merged into another; answered with it
    DECLINED = "declined", _("不予立案")  # with the standard grounds and a text
    TO_OPINION = "to_opinion", _("转社情民意")  # handed to the opinion reports' intake
    TO_LETTER = "to_letter", _("转委员来信")
    WITHDRAWN = "withdrawn", _("已撤案")  # withdrawn by the proposer
    ASSIGNED = "assigned", _("办理中")  # assigned to units, being handled
    REPLY_REVIEW = "reply_review", _("答复待审核")  # the lead unit's reply waits for the office
    REPLIED = "replied", _("已答复")  # sent to the proposers; feedback window open
    REDO = "redo", _("重新办理")  # a proposer rated 不满意; new deadline
    CLOSED = "closed", _("已办结")


class ProposerKind(models.TextChoices):
    INDIVIDUAL = "individual", _("委员个人")
    JOINT = "joint", _("委员联名")
    PARTY = "party", _("党派")
    GROUP = "group", _("人民团体")
    SECTOR = "sector", _("界别")
    SUBGROUP = "subgroup", _("委员小组")
    SPECIAL_COMMITTEE = "special", _("专门委员会")


# The five collective kinds are counted together as 集体提案 (cppcc-rules §1.1).
COLLECTIVE_KINDS = frozenset(
    {
        ProposerKind.PARTY,
        ProposerKind.GROUP,
        ProposerKind.SECTOR,
        ProposerKind.SUBGROUP,
        ProposerKind.SPECIAL_COMMITTEE,
    }
)


class DeclineGround(models.TextChoices):
    """The ten standard grounds for 不予立案 (中国政协网, cppcc-rules §1.4)."""

    SECRET = "secret", _("涉及党和国家秘密的")
    PROHIBITED = "prohibited", _("国家明令禁止的")
    PARTY_PERSONNEL = "party_personnel", _("中共党员对党内组织、人事安排等有意见的")
    PARTY_INTERNAL = "party_internal", _("民主党派成员反映本组织内部问题的")
    LITIGATION = "litigation", _("已进入诉讼或仲裁程序的")
    ACADEMIC = "academic", _("属于学术研讨的")
    PERSONAL = "personal", _("为本人或亲属解决个人问题的")
    ADVERTISING = "advertising", _("宣传、推介具体作品、产品的")
    DENUNCIATION = "denunciation", _("指明举报的")
    VAGUE = "vague", _("内容空泛、没有具体建议的")


class ConversionState(models.TextChoices):
    NONE = "", _("无")
    DELIVERED = "delivered", _("已转入社情民意")  # the opinions app accepted it


class Proposal(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name=_("政协"), on_delete=models.PROTECT, related_name="+"
    )
    plenary = models.ForeignKey(
        Plenary,
        verbose_name=_("会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    number = models.PositiveIntegerField(_("案号"), null=True, blank=True)
    title = models.CharField(_("案由"), max_length=200)
    situation = models.TextField(_("情况"), blank=True)
    analysis = models.TextField(_("分析"), blank=True)
    suggestion = models.TextField(_("建议"), blank=True)
    category_main = models.CharField(_("一级类别"), max_length=20, blank=True)
    category = models.CharField(_("类别"), max_length=20, blank=True)
    proposer_kind = models.CharField(
        _("提案者类型"),
        max_length=12,
        choices=ProposerKind.choices,
        default=ProposerKind.INDIVIDUAL,
    )
    body_name = models.CharField(
        _("集体提案者名称"), max_length=80, blank=True, help_text=_("党派、团体、界别或专委会")
    )
    suggested_unit = models.ForeignKey(
        HandlingUnit,
        verbose_name=_("建议承办单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publish_consent = models.BooleanField(_("同意公开"), default=True)
    is_plenary_proposal = models.BooleanField(_("大会提案"), default=True)
    state = models.CharField(
        _("状态"), max_length=16, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    cosign_deadline = models.DateTimeField(_("联名截止时间"), null=True, blank=True)
    # Review: the preliminary opinion, then the committee's decision.
    preliminary_opinion = models.TextField(_("初审意见"), blank=True)
    decision_reason = models.TextField(_("审查意见"), blank=True)
    decline_grounds = models.JSONField(_("不予立案理由"), default=list, blank=True)
    decided_at = models.DateTimeField(_("审查时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审查人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_on = models.DateField(_("立案日期"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("并入提案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_proposals",
    )
    conversion_state = models.CharField(
        _("转办状态"), max_length=10, choices=ConversionState.choices, blank=True, default=""
    )
    conversion_ref = models.CharField(_("转办编号"), max_length=40, blank=True)
    # Handling, kept on the proposal for the register's filters (one row, no join).
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    reply_deadline = models.DateField(_("办理期限"), null=True, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    feedback_deadline = models.DateField(_("评价截止"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    redo_round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    is_deleted = models.BooleanField(_("已删除"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("提案")
        verbose_name_plural = _("提案")
        ordering = ["committee", "plenary", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plenary", "number"],
                condition=models.Q(number__isnull=False),
                name="proposal_unique_number_per_plenary",
            ),
        ]
        indexes = [
            # Beyond (committee, state), what the register's visibility reads: the register's
            # count is then read from this index alone, not from 100,000 rows.
            models.Index(
                fields=["committee", "state", "is_deleted", "created_by"],
                name="proposal_visibility",
            ),
            models.Index(fields=["plenary", "state"]),
            models.Index(fields=["reply_deadline"]),
            # The register's order within a committee: newest plenary and number first, then
            # what its visibility reads, so a deep page (OFFSET 4,950) skips its rows within
            # the index instead of reading each skipped proposal (1.5 ms to 0.5 ms on SQLite).
            models.Index(
                fields=[
                    "committee",
                    "-plenary",
                    "-number",
                    "-id",
                    "is_deleted",
                    "state",
                    "created_by",
                ],
                name="proposal_register_rows",
            ),
            # The same order over every committee: the rolled-up and the member's register,
            # whose visibility is an OR no single committee's index can serve.
            models.Index(fields=["-plenary", "-number", "-id"], name="proposal_register_all"),
        ]

    def __str__(self) -> str:
        return f"第{self.number}号 {self.title}" if self.number else self.title

    @property
    def full_text(self) -> str:
        return "\n".join(p for p in (self.situation, self.analysis, self.suggestion) if p)

    @property
    def is_key_proposal(self) -> bool:
        """Chosen as a key proposal (重点提案). A template asking `proposal.key` of any other
        proposal meets the missing row's exception, and the template engine then lists every
        attribute of the proposal to tell it from a broken property: 40 µs a row."""
        return hasattr(self, "key")

    @property
    def is_being_handled(self) -> bool:
        """With its units, so the reply deadline runs."""
        return self.state in (ProposalState.ASSIGNED, ProposalState.REDO)

    @property
    def is_overdue(self) -> bool:
        """Still being handled after the reply deadline."""
        return (
            self.is_being_handled
            and self.reply_deadline is not None
            and self.reply_deadline < timezone.localdate()
        )

    @property
    def year(self) -> int | None:
        """A plenary proposal counts in its plenary's year, an inter-session one by submission."""
        if self.is_plenary_proposal and self.plenary_id:
            return self.plenary.year
        return self.submitted_at.year if self.submitted_at else None


class Proposer(models.Model):
    """One person (or, for imports, a name not on the roster) who proposes: the first proposer
    and every confirmed co-signer. Every proposer is told each outcome and rates the reply."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="proposers")
    member = models.ForeignKey(
        Member,
        verbose_name=_("委员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposer_entries",
    )
    name = models.CharField(_("姓名"), max_length=40)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_first = models.BooleanField(_("第一提案人"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("提案者")
        verbose_name_plural = _("提案者")
        ordering = ["proposal", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "member"],
                condition=models.Q(member__isnull=False),
                name="proposer_unique_member",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CoSignatureState(models.TextChoices):
    INVITED = "invited", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    DECLINED = "declined", _("已谢绝")
    DROPPED = "dropped", _("逾期未确认")  # did not confirm before the deadline: drops off


class CoSignature(models.Model):
    """An invitation to co-sign a joint proposal; confirming adds a Proposer row."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cosignatures")
    member = models.ForeignKey(
        Member, verbose_name=_("联名委员"), on_delete=models.PROTECT, related_name="cosignatures"
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=CoSignatureState.choices, default=CoSignatureState.INVITED
    )
    invited_at = models.DateTimeField(_("邀请时间"), auto_now_add=True)
    responded_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联名邀请")
        verbose_name_plural = _("联名邀请")
        ordering = ["proposal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="cosign_unique_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_state_display()}"


class NumberCounter(models.Model):
    """The last 案号 given in a plenary; locked with select_for_update so registrations that
    race still get consecutive numbers without gaps (MAX()+1 without a lock duplicates)."""

    plenary = models.OneToOneField(Plenary, on_delete=models.PROTECT, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("案号计数")
        verbose_name_plural = _("案号计数")

    def __str__(self) -> str:
        return f"{self.plenary_id}:{self.last_number}"


class Attachment(models.Model):
    """A file on a proposal (or a reply); stored outside the web root, served by a view that
    checks who may read the proposal. Soft-deleted: official records keep their files."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    reply = models.ForeignKey(
        "proposals.Reply",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("文件"), upload_to="proposals/%Y/%m/")
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=80)
    size = models.PositiveIntegerField(_("大小"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    is_deleted = models.BooleanField(_("已删除"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["proposal", "id"]

    def __str__(self) -> str:
        return self.original_name
