"""求职者: one résumé per person and the applications (投递) it is sent with.

Privacy (隐私保护): a résumé carries no ID number and no home address; an employer sees a
résumé only through an application sent to it, and the applicant's mobile number masked
(138****1234) until the applicant accepts an interview invitation. Résumés keep no history:
"delete my data" must leave nothing of them behind.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import Gender, Town
from zhengxie.core.models.people import CommitteeScoped
from zhengxie.core.phones import mask_mobile, mask_numbers_in_text

from .jobs import Job, JobCategory


class Resume(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_resume"
    )
    name = models.CharField(_("姓名"), max_length=40)
    mobile = models.CharField(_("手机号码"), max_length=11)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("出生年份"), null=True, blank=True)
    education = models.CharField(_("学历"), max_length=20, blank=True)
    experience = models.TextField(_("工作经历"), max_length=2000, blank=True)
    # 工作经历 as anyone but its writer reads it, kept beside the text so that the talent
    # pool's search matches what an employer sees: a full number typed into the search box
    # must not find the résumé that hides it.
    shown_experience = models.TextField(editable=False, blank=True)
    desired_category = models.ForeignKey(
        JobCategory,
        verbose_name=_("期望岗位类别"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    desired_town = models.ForeignKey(
        Town,
        verbose_name=_("期望工作地点"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Private by default: only employers the person applies to read it.
    is_public = models.BooleanField(_("允许已核验单位查看"), default=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("简历")
        verbose_name_plural = _("简历")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.shown_experience = mask_numbers_in_text(self.experience)
        if kwargs.get("update_fields") and "experience" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "shown_experience"}
        super().save(*args, **kwargs)

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile)


class ApplicationState(models.TextChoices):
    APPLIED = "applied", _("已投递")
    VIEWED = "viewed", _("已查看")  # the employer opened it
    INVITED = "invited", _("邀请面试")  # the employer proposed an interview
    ACCEPTED = "accepted", _("已接受面试")  # the applicant's number is shown from here on
    DECLINED = "declined", _("已婉拒面试")  # the applicant declined the invitation
    HIRED = "hired", _("已录用")
    NOT_HIRED = "not_hired", _("未录用")
    WITHDRAWN = "withdrawn", _("已撤回")  # the applicant took it back


ACTIVE_APPLICATION_STATES = (
    ApplicationState.APPLIED,
    ApplicationState.VIEWED,
    ApplicationState.INVITED,
    ApplicationState.ACCEPTED,
)
# States in which the employer may see the applicant's full number.
CONTACT_SHOWN_STATES = (ApplicationState.ACCEPTED, ApplicationState.HIRED)


class Application(CommitteeScoped):
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="applications")
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="job_applications"
    )
    # Emptied when the seeker deletes their data; the employer then sees no person at all.
    resume = models.ForeignKey(
        Resume, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=ApplicationState.choices,
        default=ApplicationState.APPLIED,
    )
    interview_at = models.DateTimeField(_("面试时间"), null=True, blank=True)
    interview_place = models.CharField(_("面试地点"), max_length=120, blank=True)
    applied_at = models.DateTimeField(_("投递时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("投递")
        verbose_name_plural = _("投递")
        ordering = ["-applied_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "seeker"],
                condition=~Q(state="withdrawn"),
                name="application_one_live_per_job",
            ),
        ]
        indexes = [models.Index(fields=["job", "state"], name="application_job_state")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.seeker_id}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:application_detail", args=[self.pk])

    @property
    def contact_shown(self) -> bool:
        return self.state in CONTACT_SHOWN_STATES

    @property
    def shown_mobile(self) -> str:
        """What the employer's page shows: the full number only after the applicant accepted
        an interview invitation, masked before and after a withdrawal."""
        if self.resume is None:
            return ""
        return self.resume.mobile if self.contact_shown else self.resume.masked_mobile

    @property
    def shown_experience(self) -> str:
        """工作经历 as the employer's page shows it: numbers typed into it follow the mobile
        number's rule, in full only after the applicant accepted an interview."""
        if self.resume is None:
            return ""
        return self.resume.experience if self.contact_shown else self.resume.shown_experience


class InvitationAnswer(models.TextChoices):
    PENDING = "pending", _("待答复")  # the person has not answered yet
    ACCEPTED = "accepted", _("已投递")  # answered by applying (or applied from the job's page)
    DECLINED = "declined", _("已婉拒")  # the person said no; the employer is told


class Invitation(CommitteeScoped):
    """邀请投递: a verified employer read a résumé its owner made visible (人才库) and invites
    the person to apply to one of its open jobs. The person decides by applying as anyone does
    (which answers it) or declines it; one invitation per job and person. Deleted with the
    person's data, so it keeps no history (as the résumé)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="invitations")
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("邀请时间"), auto_now_add=True)
    answer = models.CharField(
        _("答复"), max_length=10, choices=InvitationAnswer.choices, default=InvitationAnswer.PENDING
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("邀请投递")
        verbose_name_plural = _("邀请投递")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["job", "seeker"], name="invitation_one_per_job"),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.seeker_id}"
