"""Who may do what on the job board.

The office (staff and administrators) of an employer's committee verifies employers, reviews
jobs and handles reports. An employer's account manages its own jobs and reads the
applications sent to them, nothing else. A seeker reads and acts on their own applications.
Everyone, guests included, reads open jobs of verified employers (filter_public_jobs).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import User
from zhengxie.core.permissions import is_office, office_committee_ids
from zhengxie.core.workflow import Who, office

from .models import Application, Employer, EmployerState, Job, JobState


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def owns_employer(user, employer: Employer) -> bool:
    return _signed_in(user) and employer.owner_id == user.pk


def can_manage_employer(user, employer: Employer) -> bool:
    return owns_employer(user, employer) or (
        _signed_in(user) and is_office(user, employer.committee_id)
    )


def check_manage_employer_permission(user, employer: Employer) -> None:
    if not can_manage_employer(user, employer):
        raise PermissionDenied(_("只有该单位的管理账号和本级政协机关工作人员可以操作。"))


def check_post_job_permission(user, employer: Employer) -> None:
    check_manage_employer_permission(user, employer)
    if employer.state == EmployerState.REJECTED:
        raise PermissionDenied(_("该单位未通过核验，不能发布岗位。"))


def can_review(user, committee_id: int) -> bool:
    return _signed_in(user) and is_office(user, committee_id)


def check_review_permission(user, committee_id: int) -> None:
    if not can_review(user, committee_id):
        raise PermissionDenied(_("只有本级政协机关工作人员可以审核。"))


def can_open_queues(user) -> bool:
    return _signed_in(user) and bool(office_committee_ids(user))


def check_open_queues_permission(user) -> None:
    if not can_open_queues(user):
        raise PermissionDenied(_("只有政协机关工作人员可以查看审核队列。"))


def filter_public_jobs(jobs: QuerySet[Job], *, today) -> QuerySet[Job]:
    """What anyone may read: open, not expired, and the employer verified. Every public list,
    search and count narrows through here."""
    return jobs.filter(
        state=JobState.OPEN, expires_on__gte=today, employer__state=EmployerState.VERIFIED
    )


def can_read_job(user, job: Job) -> bool:
    """The public reads open jobs of verified employers, expired ones too (the page says so);
    the employer and the office read theirs in any state."""
    if job.state == JobState.OPEN and job.employer.is_verified:
        return True
    return can_manage_employer(user, job.employer)


def can_read_application(user, application: Application) -> bool:
    if not _signed_in(user):
        return False
    return application.seeker_id == user.pk or owns_employer(user, application.job.employer)


def check_read_application_permission(user, application: Application) -> None:
    if not can_read_application(user, application):
        raise PermissionDenied(_("您无权查看该投递。"))


def filter_employer_applications(applications: QuerySet, user: User) -> QuerySet:
    """Applications to the jobs of employers the person manages as owner: the office reviews
    jobs but reads no résumé."""
    return applications.filter(job__employer__owner=user)


def verified_employers_of(user) -> QuerySet[Employer]:
    """The verified employers the person manages as owner: who may browse the talent pool."""
    if not _signed_in(user):
        return Employer.objects.none()
    return Employer.objects.filter(owner=user, state=EmployerState.VERIFIED)


def check_talent_pool_permission(user) -> None:
    """人才库: the résumés their owners made visible are for verified employers only; guests,
    the unverified and people without an employer are refused (403)."""
    if not verified_employers_of(user).exists():
        raise PermissionDenied(_("只有已通过核验的用人单位可以浏览人才库。"))


OFFICE = office()
EMPLOYER_OWNER = Who(
    "employer_owner",
    gettext_lazy("用人单位"),
    lambda user, record: _signed_in(user) and record.employer.owner_id == user.pk,
)
HIRING_EMPLOYER = Who(
    "hiring_employer",
    gettext_lazy("招聘单位"),
    lambda user, record: _signed_in(user) and record.job.employer.owner_id == user.pk,
)
APPLICANT = Who(
    "applicant",
    gettext_lazy("求职者本人"),
    lambda user, record: _signed_in(user) and record.seeker_id == user.pk,
)
