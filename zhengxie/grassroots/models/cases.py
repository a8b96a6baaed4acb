"""Cases: a local problem from its report to a rated resolution, with its public timeline."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Member, Town, Venue
from zhengxie.core.models.people import CommitteeScoped


class CaseState(models.TextChoices):
    RAISED = "raised", _("待受理")  # reported, not yet triaged
    ACCEPTED = "accepted", _("已列入议题清单")  # on a venue's list
    REFERRED = "referred", _("已转交")  # sent elsewhere, with a reason the reporter sees
    CONSULTING = "consulting", _("协商中")  # a session is held or planned on it
    ACTING = "acting", _("落实中")  # agreed actions under way
    RESOLVED = "resolved", _("已解决")  # every action done; awaiting the rating
    RATED = "rated", _("已评价")  # rated 满意 or 基本满意
    CLOSED = "closed", _("已销号")


# The states in which a case counts as resolved: the figures, and the members' duty credit.
RESOLVED_STATES = frozenset({CaseState.RESOLVED, CaseState.RATED, CaseState.CLOSED})


class CaseSource(models.TextChoices):
    RESIDENT = "resident", _("群众网上反映")
    VISIT = "visit", _("委员走访")  # 委员三联系: counts as a problem collected by members
    CONVENOR = "convenor", _("召集人登记")  # duty-day reception at the venue
    COMMUNITY = "community", _("村(社区)提出")


class RatingValue(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")  # reopens the case


class Case(CommitteeScoped):
    title = models.CharField(_("标题"), max_length=100)
    description = models.TextField(_("问题描述"))
    place = models.CharField(_("地点"), max_length=120)
    # A code from the committee's configurable list (grassroots.case_categories).
    category = models.CharField(_("类别"), max_length=20)
    source = models.CharField(_("来源"), max_length=10, choices=CaseSource.choices)
    state = models.CharField(
        _("状态"), max_length=12, choices=CaseState.choices, default=CaseState.RAISED
    )
    town = models.ForeignKey(
        Town, verbose_name=_("乡镇街道"), on_delete=models.PROTECT, related_name="cases"
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("协商场所"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("反映人账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grassroots_cases",
    )
    # Private: only the venue's convenor and the committee's staff see these.
    reporter_name = models.CharField(_("反映人"), max_length=80, blank=True)  # a visit's 联系对象
    reporter_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    raised_by_member = models.ForeignKey(
        Member,
        verbose_name=_("收集委员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="raised_cases",
    )
    contact = models.OneToOneField(
        "ContactRecord",
        verbose_name=_("联系记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case",
    )
    referred_to = models.CharField(_("转交单位"), max_length=80, blank=True)
    referral_reason = models.CharField(_("转交理由"), max_length=300, blank=True)
    raised_on = models.DateField(_("反映日期"))
    resolved_on = models.DateField(_("解决日期"), null=True, blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    # The latest rating (a reopened case counts by how it ended), kept by the rating service:
    # the figures then count the year's ratings from the cases they already read, instead of
    # finding each case's latest rating among its ratings.
    final_rating = models.CharField(
        _("最终评价"), max_length=12, choices=RatingValue.choices, blank=True
    )
    final_rated_on = models.DateField(_("最终评价日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("一线协商问题")
        verbose_name_plural = _("一线协商问题")
        ordering = ["-raised_on", "-id"]
        indexes = [
            models.Index(fields=["committee", "state"]),
            models.Index(fields=["committee", "resolved_on"]),
            models.Index(fields=["committee", "raised_on"]),
        ]

    def __str__(self) -> str:
        return self.title


class CasePhoto(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="photos")
    # Stored under MEDIA_ROOT, outside the web root; served by a view that checks access.
    image = models.FileField(_("照片"), upload_to="grassroots/cases/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("问题照片")
        verbose_name_plural = _("问题照片")

    def __str__(self) -> str:
        return self.image.name


class CaseEvent(models.Model):
    """One step of the public timeline: no names or numbers of private persons."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("环节"), max_length=20)
    to_state = models.CharField(_("状态"), max_length=12, choices=CaseState.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    occurred_on = models.DateField(_("日期"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("办理进程")
        verbose_name_plural = _("办理进程")
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_to_state_display()}"


class Rating(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ratings")
    value = models.CharField(_("评价"), max_length=12, choices=RatingValue.choices)
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Residents' representatives rate at a meeting; the convenor records it on their behalf.
    by_representatives = models.BooleanField(_("群众代表评价"), default=False)
    comment = models.CharField(_("意见"), max_length=300, blank=True)
    rated_on = models.DateField(_("评价日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("群众评价")
        verbose_name_plural = _("群众评价")
        ordering = ["rated_on", "id"]
        indexes = [
            models.Index(fields=["rated_on"]),
            # A case's latest rating is one seek: the figures ask it for every rating.
            models.Index(fields=["case", "rated_on", "id"], name="rating_case_latest"),
        ]

    def __str__(self) -> str:
        return self.get_value_display()


class CaseJobReferral(models.Model):
    """推荐岗位: a case about work resolved by referring the reporter to open jobs. One row per
    job, written with the step that resolves the case; the job board counts them."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="job_referrals")
    job = models.ForeignKey(
        "jobs.Job", verbose_name=_("推荐岗位"), on_delete=models.PROTECT, related_name="referrals"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    referred_on = models.DateField(_("推荐日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("问题推荐岗位")
        verbose_name_plural = _("问题推荐岗位")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "job"], name="case_job_referral_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.job_id}"
