"""Handling: assignment to units, reassignment requests, contact, replies, feedback."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Committee, HandlingUnit

from .proposals import Proposal, Proposer


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("主办")  # answers the proposers, with the co-units' opinions
    CO = "co", _("会办")  # gives its opinion to the lead unit, never answers directly
    SPLIT = "split", _("分办")  # handles its part and answers separately


class ExtensionState(models.TextChoices):
    NONE = "", _("无")
    REQUESTED = "requested", _("已申请")
    GRANTED = "granted", _("已同意")
    REFUSED = "refused", _("未同意")


class Assignment(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        HandlingUnit,
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        related_name="proposal_assignments",
    )
    role = models.CharField(_("承办方式"), max_length=6, choices=AssignmentRole.choices)
    assigned_on = models.DateField(_("交办日期"))
    deadline = models.DateField(_("办理期限"))
    original_deadline = models.DateField(_("原定期限"))
    extension_state = models.CharField(
        _("延期"), max_length=10, choices=ExtensionState.choices, blank=True, default=""
    )
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_until = models.DateField(_("申请延至"), null=True, blank=True)
    # False once the office moved the proposal to another unit (kept for the record).
    is_active = models.BooleanField(_("有效"), default=True)
    # Reminder thresholds (days before the deadline) already sent, so the job is idempotent.
    reminders_sent = models.JSONField(_("已发提醒"), default=list, blank=True)
    # The day the unit was reminded to contact the proposers (办前沟通), sent once.
    contact_reminded_on = models.DateField(_("沟通提醒日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("交办")
        verbose_name_plural = _("交办")
        ordering = ["proposal", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "unit"],
                condition=models.Q(is_active=True),
                name="assignment_unique_active_unit",
            ),
        ]
        indexes = [
            # A unit's proposals from the index alone: the register's unit filter, and its count,
            # which starts from the unit's assignments (selectors/register_count.py).
            models.Index(fields=["unit", "is_active", "proposal"], name="assignment_unit_proposals")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_role_display()}"


class RequestState(models.TextChoices):
    PENDING = "pending", _("待决定")
    GRANTED = "granted", _("已同意")
    REFUSED = "refused", _("已驳回")


class ReassignmentRequest(models.Model):
    """A unit asks the office to reassign (within 5 working days); units never pass it on."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="reassignment_requests"
    )
    reason = models.TextField(_("理由"))
    suggested_unit = models.ForeignKey(
        HandlingUnit,
        verbose_name=_("建议改由"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=RequestState.choices, default=RequestState.PENDING
    )
    new_unit = models.ForeignKey(
        HandlingUnit,
        verbose_name=_("改由"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("决定意见"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("调整承办申请")
        verbose_name_plural = _("调整承办申请")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.get_state_display()}"


class ContactForm(models.TextChoices):
    VISIT = "visit", _("登门拜访")
    MEETING = "meeting", _("座谈会商")
    INSPECTION = "inspection", _("实地察看")
    PHONE = "phone", _("电话沟通")
    OTHER = "other", _("其他")


class ContactRecord(models.Model):
    """办前面商: the unit's contact with the proposers; the contact rate counts proposals
    with at least one."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="contact_records")
    unit = models.ForeignKey(
        HandlingUnit, verbose_name=_("承办单位"), on_delete=models.PROTECT, related_name="+"
    )
    contacted_on = models.DateField(_("沟通日期"))
    form = models.CharField(_("方式"), max_length=12, choices=ContactForm.choices)
    people = models.CharField(_("参加人员"), max_length=200)
    notes = models.TextField(_("沟通情况"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("办理沟通记录")
        verbose_name_plural = _("办理沟通记录")
        ordering = ["proposal", "contacted_on", "id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.contacted_on}"


class ReplyState(models.TextChoices):
    DRAFT = "draft", _("拟稿")
    CO_REVIEW = "co_review", _("待会签")  # co-units add their opinions
    OFFICE_REVIEW = "office_review", _("待审核")  # the office may change the class
    SENT = "sent", _("已答复")
    RETURNED = "returned", _("退回修改")


class PublishMode(models.TextChoices):
    FULL = "full", _("全文公开")
    SUMMARY = "summary", _("摘要公开")
    NONE = "none", _("不公开")


class Reply(models.Model):
    """One unit's answer in one handling round (a redo writes a new reply)."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="replies")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="replies")
    unit = models.ForeignKey(
        HandlingUnit, verbose_name=_("答复单位"), on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    result_class = models.CharField(_("答复类别"), max_length=4)
    unit_result_class = models.CharField(_("单位所拟类别"), max_length=4, blank=True)
    text = models.TextField(_("答复正文"))
    summary = models.TextField(_("公开摘要"), blank=True)
    signer = models.CharField(_("签发人"), max_length=40, blank=True)
    handler = models.CharField(_("经办人"), max_length=40, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    state = models.CharField(
        _("状态"), max_length=14, choices=ReplyState.choices, default=ReplyState.DRAFT
    )
    publish_mode = models.CharField(
        _("公开方式"), max_length=8, choices=PublishMode.choices, default=PublishMode.FULL
    )
    publish_reason = models.CharField(_("不公开理由"), max_length=200, blank=True)
    office_note = models.TextField(_("审核意见"), blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        ordering = ["proposal", "round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "round"], name="reply_unique_per_assignment_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.result_class}"


class CoUnitOpinion(models.Model):
    """会办意见: a co-unit's opinion on the lead unit's draft reply."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="co_opinions")
    unit = models.ForeignKey(
        HandlingUnit, verbose_name=_("会办单位"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("会办意见"))
    agrees = models.BooleanField(_("同意答复"), default=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Now, or when a paper opinion entered later was given (the service's `at`).
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("会办意见")
        verbose_name_plural = _("会办意见")
        constraints = [
            models.UniqueConstraint(fields=["reply", "unit"], name="co_opinion_unique_unit"),
        ]

    def __str__(self) -> str:
        return str(self.unit)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")  # opens a redo with a new deadline


class Feedback(models.Model):
    """One proposer's rating of one handling round."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="feedbacks")
    proposer = models.ForeignKey(Proposer, on_delete=models.CASCADE, related_name="feedbacks")
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    rating = models.CharField(_("评价"), max_length=12, choices=Rating.choices)
    comment = models.TextField(_("意见"), blank=True)
    # A proposer who rated on paper: the office entered it, and says who did.
    on_paper = models.BooleanField(_("纸质评价"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Now, or when a paper rating entered later was made (the service's `at`).
    rated_at = models.DateTimeField(_("评价时间"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("办理评价")
        verbose_name_plural = _("办理评价")
        ordering = ["proposal", "round", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposer", "round"], name="feedback_unique_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.proposer} · {self.get_rating_display()}"
