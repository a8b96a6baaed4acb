"""Activity kinds: each committee keeps its own list, seeded with the forms the review names."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models.people import CommitteeScoped


class LeaveApprover(models.TextChoices):
    # 全会、常委会请假由主席或秘书长批准（宣威、无锡）
    CHAIR = "chair", _("主席会议成员")
    # 其他活动由组织活动的机关部门批准
    OFFICE = "office", _("机关工作人员")


class AbsenceRule(models.TextChoices):
    """Which limits of the activities.absence_limits rule an absence without leave counts
    against (威海 2013, 山东 2013)."""

    NONE = "", _("不计入缺席预警")
    PLENARY = "plenary", _("全体会议")  # default: 委员届内累计缺席全体会议 3 次
    STANDING = "standing", _("常委会议")  # default: 常委年内缺席 3 次或届内累计 7 次


class ActivityKind(CommitteeScoped):
    code = models.SlugField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=40)
    leave_approver = models.CharField(
        _("请假审批"), max_length=10, choices=LeaveApprover.choices, default=LeaveApprover.OFFICE
    )
    notice_days = models.PositiveSmallIntegerField(_("提前通知天数"), default=3)
    attendance_compulsory = models.BooleanField(_("必须出席"), default=False)
    absence_rule = models.CharField(
        _("缺席计入"), max_length=10, choices=AbsenceRule.choices, blank=True, default=""
    )
    counts_as_consultation = models.BooleanField(_("计为协商活动"), default=False)
    counts_as_research = models.BooleanField(_("计为调研视察"), default=False)
    counts_as_study = models.BooleanField(_("计为学习活动"), default=False)
    joint_with_upper = models.BooleanField(_("与上级政协联动"), default=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("活动类型")
        verbose_name_plural = _("活动类型")
        ordering = ["committee", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "code"], name="activitykind_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name
