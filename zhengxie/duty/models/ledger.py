"""The duty ledger: one row per credited act, append-only; a reversal is a new negative row."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Committee, Member

# Activity kind codes the activities app writes into an ATTENDANCE/ABSENCE record's role.
PLENARY_ROLE = "plenary"  # 全体会议
STANDING_ROLE = "standing"  # 常委会议

# Which of the five ones (随州"五个一", research/cppcc-rules.md §3.2) attending an activity
# counts for, by the activity kind codes a committee starts with (activities/services/kinds.py).
# "参与一场协商议事活动": the consultation formats — 双月协商座谈会, 专题协商会, 对口协商, 界别协商,
# 提案办理协商 (grassroots sessions count as well, see duty/schemes.py). The plenary and the
# standing committee's meetings are not among them: attending the meetings one is obliged to
# attend is a basic requirement of its own (§3.2, 闵行"参加全体会议"), not one of the five.
# "参加一次调研": research, 专项视察, 监督性视察 (民主监督) and joint research with the upper
# committee (联动履职) — the kinds the defaults mark counts_as_research.
CONSULTATION_ROLES = ("bimonthly", "thematic", "counterpart", "sector", "proposal")
RESEARCH_ROLES = ("research", "inspection", "supervision", "joint")


class DutyKind(models.TextChoices):
    PROPOSAL = "proposal", _("提交提案")  # a registered proposal; role: first / joint / co-signer
    OPINION_SUBMITTED = "opinion_submitted", _("报送社情民意")
    OPINION_ADOPTED = "opinion_adopted", _("社情民意被采用")
    INSTRUCTION = "instruction", _("获领导批示")
    ATTENDANCE = "attendance", _("参加活动")  # role: the activity kind's code
    ABSENCE = "absence", _("无故缺席")  # counts against the member
    SPEECH = "speech", _("会议发言")
    REPORT = "report", _("调研视察报告")
    ESSAY = "essay", _("理论征文")
    READING = "reading", _("读书活动")
    SESSION = "session", _("参加基层协商")
    CASE_RAISED = "case_raised", _("收集民生问题")
    CASE_RESOLVED = "case_resolved", _("协调解决问题")
    CONTACT = "contact", _("联系群众")
    FORUM = "forum", _("网络议政")
    PRACTICAL_DEED = "practical_deed", _("兴办实事")
    COMMENDATION = "commendation", _("表彰")
    MEDIA_REPORT = "media_report", _("媒体报道")
    HONOUR = "honour", _("获得荣誉")  # role: the honour's level


# The eight kinds of duty a duty file lists (蚌埠 2018 "一届一人一档"), each with the ledger
# kinds (and, for attendance, the activity roles) that belong to it; "" matches any role.
DUTY_FILE_CATEGORIES = [
    ("全体会议、常委会议", [("attendance", PLENARY_ROLE), ("attendance", STANDING_ROLE)]),
    (
        "协商会、通报会、座谈会",
        [*(("attendance", role) for role in CONSULTATION_ROLES), ("session", "")],
    ),
    (
        "提案、会议发言、社情民意",
        [
            ("proposal", ""),
            ("speech", ""),
            ("opinion_submitted", ""),
            ("opinion_adopted", ""),
            ("instruction", ""),
        ],
    ),
    (
        "视察、考察、调研",
        [*(("attendance", role) for role in RESEARCH_ROLES), ("report", "")],
    ),
    (
        "理论研究、学习培训、文史资料征集、团结联谊",
        [("attendance", "study"), ("essay", ""), ("reading", "")],
    ),
    ("民主评议、执法检查", [("attendance", "appraisal")]),
    (
        "联系群众、基层履职",
        [("case_raised", ""), ("case_resolved", ""), ("contact", ""), ("practical_deed", "")],
    ),
    ("其他", []),
]


class DutyRecord(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="duty_records")
    kind = models.CharField(_("类别"), max_length=24, choices=DutyKind.choices)
    role = models.CharField(_("角色"), max_length=24, blank=True)
    occurred_on = models.DateField(_("日期"))
    year = models.PositiveSmallIntegerField(_("年度"))
    # +1 credits the act, -1 reverses an earlier credit of the same act.
    sign = models.SmallIntegerField(_("方向"), default=1)
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    # The n-th ledger row of one act (member, kind, source): credits are odd, reversals even.
    # Unique per act, so two concurrent credits of the same act cannot both land.
    seq = models.PositiveIntegerField(_("序号"), default=1)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("履职记录")
        verbose_name_plural = _("履职记录")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "source_type", "source_id", "seq"],
                name="dutyrecord_unique_act_seq",
            ),
            models.CheckConstraint(condition=models.Q(sign__in=[1, -1]), name="dutyrecord_sign"),
        ]
        indexes = [
            models.Index(fields=["member", "year"]),
            # A year's recompute groups by (member, kind, role) and sums the sign: with the
            # sign in the index the grouping reads the index alone, in group order.
            models.Index(
                fields=["committee", "year", "member", "kind", "role", "sign"],
                name="dutyrecord_year_groups",
            ),
            # The year's participants: one kind's rows in member order, the sign read from the
            # index alone (the annual review counts them for every roll-up).
            models.Index(
                fields=["committee", "year", "kind", "member", "sign"],
                name="dutyrecord_kind_member",
            ),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.get_kind_display()} {self.occurred_on}"
