"""The lists behind the employer's workspace, the seeker's pages and the office's queues.
Each is one query (or two with a prefetch), whatever the number of rows."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from zhengxie.core.models import Town
from zhengxie.core.permissions import office_committee_ids

from ..models import (
    Application,
    ApplicationState,
    Employer,
    EmployerState,
    Job,
    JobCategory,
    JobReport,
    JobState,
    ReportState,
    Resume,
)
from ..models.seekers import ACTIVE_APPLICATION_STATES
from ..permissions import filter_employer_applications

QUEUE_SIZE = 200


def towns_of(committee_id: int) -> QuerySet[Town]:
    """The towns an employer of the committee may be in: its own and, for a city, its
    counties' (the city's portal serves the whole city)."""
    return Town.objects.filter(
        Q(committee_id=committee_id) | Q(committee__parent_id=committee_id), is_active=True
    ).order_by("committee_id", "sort_order", "pk")


def job_categories_of(committee_id: int) -> QuerySet[JobCategory]:
    """The job categories the committee's forms offer: its active ones, in its order."""
    return JobCategory.objects.filter(committee_id=committee_id, is_active=True).order_by(
        "sort_order", "pk"
    )


def list_my_employers(user) -> QuerySet[Employer]:
    return Employer.objects.filter(owner=user).select_related("town").order_by("name", "pk")


def list_employer_jobs(employer: Employer) -> QuerySet[Job]:
    """The employer's jobs with their live and total application counts."""
    live = Q(applications__state__in=ACTIVE_APPLICATION_STATES)
    return (
        Job.objects.filter(employer=employer)
        .select_related("town", "category")
        .annotate(applied=Count("applications"), live=Count("applications", filter=live))
        .order_by("-created_at", "-pk")
    )


def list_my_jobs(user) -> QuerySet[Job]:
    """The jobs of every employer the person owns, with their application counts: the
    workspace's rows in one list."""
    live = Q(applications__state__in=ACTIVE_APPLICATION_STATES)
    return (
        Job.objects.filter(employer__owner=user)
        .select_related("employer", "town", "category")
        .annotate(applied=Count("applications"), live=Count("applications", filter=live))
        .order_by("-created_at", "-pk")
    )


def seeker_standing(user, job: Job) -> dict:
    """Whether the person has a résumé and a live application to the job (the page's
    一键投递 button): two small queries, none for a guest."""
    if not getattr(user, "is_authenticated", False):
        return {"has_resume": False, "applied": False}
    return {
        "has_resume": Resume.objects.filter(user=user).exists(),
        "applied": Application.objects.filter(job=job, seeker=user)
        .exclude(state=ApplicationState.WITHDRAWN)
        .exists(),
    }


def get_owned_job(user, pk: int) -> Job:
    """A job of one of the person's own employers, whose applications they may list."""
    job = get_object_or_404(Job.objects.select_related("employer"), pk=pk)
    if job.employer.owner_id != user.pk:
        raise PermissionDenied(_("只有该单位的管理账号可以查看投递。"))
    return job


def list_received_applications(user, *, job: Job | None = None) -> QuerySet[Application]:
    applications = filter_employer_applications(Application.objects.all(), user)
    if job is not None:
        applications = applications.filter(job=job)
    return applications.select_related("job", "resume").order_by("-applied_at", "-pk")


def list_my_applications(user) -> QuerySet[Application]:
    return (
        Application.objects.filter(seeker=user)
        .select_related("job__employer", "job__town")
        .order_by("-applied_at", "-pk")
    )


def list_pending_employers(user) -> QuerySet[Employer]:
    return (
        Employer.objects.filter(
            committee_id__in=office_committee_ids(user), state=EmployerState.PENDING
        )
        .select_related("town", "member")
        .order_by("created_at", "pk")[:QUEUE_SIZE]
    )


def list_pending_jobs(user) -> QuerySet[Job]:
    """Flagged listings first: they need the closest reading."""
    return (
        Job.objects.filter(committee_id__in=office_committee_ids(user), state=JobState.PENDING)
        .select_related("employer", "town", "category")
        .order_by("-fee_words", "created_at", "pk")[:QUEUE_SIZE]
    )


def list_open_reports(user) -> QuerySet[JobReport]:
    return (
        JobReport.objects.filter(
            committee_id__in=office_committee_ids(user), state=ReportState.OPEN
        )
        .select_related("job__employer")
        .order_by("created_at", "pk")[:QUEUE_SIZE]
    )


def count_hires(job: Job) -> int:
    return job.applications.filter(state=ApplicationState.HIRED).count()
