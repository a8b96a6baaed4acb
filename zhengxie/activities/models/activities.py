"""Activities and who takes part: invitations, leave, attendance, speeches."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Committee, Member, SpecialCommittee, Term
from zhengxie.core.models.people import CommitteeScoped

from .kinds import ActivityKind
from .plans import PlanTopic


class ActivityState(models.TextChoices):
    PLANNED = "planned", _("已计划")  # in the plan or created by staff; invitations open
    NOTIFIED = "notified", _("已发通知")  # notice sent the kind's notice days ahead
    HELD = "held", _("已召开")  # attendance settled: present, excused, absent
    OUTCOME_RECORDED = "outcome", _("成果已报送")  # 建议案/报告 recorded
    FOLLOWED_UP = "followed", _("成果已跟踪")  # adoption or instructions recorded
    CANCELLED = "cancelled", _("已取消")


# What an activity's state allows besides its steps; workflow.py says which states do.
TAKE_PART = "take_part"  # invitations, sign-up, leave requests and sign-in are open
COUNTS_HELD = "counts_held"  # the figures count the activity as held


class Activity(CommitteeScoped):
    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("活动类型"), on_delete=models.PROTECT, related_name="+"
    )
    term = models.ForeignKey(
        Term, verbose_name=_("届"), null=True, blank=True, on_delete=models.PROTECT
    )
    topic = models.ForeignKey(
        PlanTopic,
        verbose_name=_("协商计划议题"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    organizer = models.ForeignKey(
        SpecialCommittee,
        verbose_name=_("承办专委会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("名称"), max_length=120)
    description = models.TextField(_("内容"), blank=True)
    location = models.CharField(_("地点"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    # A joint activity with an upper committee on the platform names it here: recorded once by
    # the owning committee, it shows in the partner's list too (selectors.figures has the rule
    # that keeps a roll-up from counting it twice). A body not on the platform keeps its name
    # in `upper_committee`.
    upper_partner = models.ForeignKey(
        Committee,
        verbose_name=_("联合开展的上级政协"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="joint_activities",
    )
    upper_committee = models.CharField(_("联动的上级政协"), max_length=60, blank=True)
    # The office's own activities (机关干部学习、机关竞赛): held by the office for its cadres,
    # counted apart from the committee's activities for members (selectors.figures).
    office_own = models.BooleanField(_("机关自身活动"), default=False)
    state = models.CharField(
        _("状态"), max_length=10, choices=ActivityState.choices, default=ActivityState.PLANNED
    )
    notice_sent_at = models.DateTimeField(_("通知时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["committee", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="activity_ends_later"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class InvitationSource(models.TextChoices):
    COMMITTEE = "committee", _("全体委员")
    STANDING = "standing", _("全体常委")
    SECTOR = "sector", _("界别")
    SPECIAL = "special", _("专委会")
    MANUAL = "manual", _("逐人邀请")


class Invitation(CommitteeScoped):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(Member, verbose_name=_("委员"), on_delete=models.PROTECT)
    source = models.CharField(_("邀请方式"), max_length=10, choices=InvitationSource.choices)
    signed_up_at = models.DateTimeField(_("报名时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("邀请")
        verbose_name_plural = _("邀请")
        ordering = ["activity", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="invitation_unique"),
        ]


class LeaveStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    DECLINED = "declined", _("未批准")


class LeaveRequest(CommitteeScoped):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="leaves")
    member = models.ForeignKey(Member, verbose_name=_("委员"), on_delete=models.PROTECT)
    reason = models.TextField(_("请假事由"))
    # Frozen from the kind when asked, so a later change of the kind does not reroute it.
    approver = models.CharField(_("审批人"), max_length=10)
    status = models.CharField(
        _("状态"), max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=200, blank=True)
    # A paper slip (请假条) the office entered: the approver's name as signed on it, who
    # may have no account on the platform.
    signed_by = models.CharField(_("请假条批准人"), max_length=60, blank=True)
    # Not auto_now_add: a slip entered later keeps the day it was asked and approved.
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("请假")
        verbose_name_plural = _("请假")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="leave_unique"),
        ]


class AttendanceStatus(models.TextChoices):
    SIGNED_IN = "signed_in", _("已签到")  # provisional until the activity is held
    PRESENT = "present", _("出席")
    PARTIAL = "partial", _("出席不足2/3")  # 参加时间不足2/3者视为缺席（威海 2013）
    EXCUSED = "excused", _("请假")
    ABSENT = "absent", _("无故缺席")
    CANCELLED = "cancelled", _("已撤销")


class AttendanceMethod(models.TextChoices):
    QR = "qr", _("扫码签到")
    STAFF = "staff", _("工作人员登记")
    SETTLED = "settled", _("会后结算")


class Attendance(CommitteeScoped):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, verbose_name=_("委员"), on_delete=models.PROTECT)
    status = models.CharField(_("出席情况"), max_length=10, choices=AttendanceStatus.choices)
    method = models.CharField(_("登记方式"), max_length=10, choices=AttendanceMethod.choices)
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    minutes_present = models.PositiveIntegerField(_("在场分钟"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考勤")
        verbose_name_plural = _("考勤")
        ordering = ["activity", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="attendance_unique"),
        ]
        indexes = [models.Index(fields=["member", "status"])]


class SpeechKind(models.TextChoices):
    ORAL = "oral", _("会议发言")
    WRITTEN = "written", _("书面发言")


class Speech(CommitteeScoped):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="speeches")
    member = models.ForeignKey(Member, verbose_name=_("委员"), on_delete=models.PROTECT)
    kind = models.CharField(_("形式"), max_length=10, choices=SpeechKind.choices)
    title = models.CharField(_("题目"), max_length=120)
    text = models.TextField(_("内容"), blank=True)
    is_withdrawn = models.BooleanField(_("已撤回"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("发言")
        verbose_name_plural = _("发言")
        ordering = ["activity", "id"]

    def __str__(self) -> str:
        return self.title
