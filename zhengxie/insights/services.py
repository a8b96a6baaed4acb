"""Generating the annual review files in the background."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zhengxie.core.leases import hold_lease
from zhengxie.core.models import Committee, User

from .models import ReviewJob, ReviewJobStatus
from .permissions import check_rollup_permission


def request_annual_review(
    *, actor: User, committee: Committee, year: int, rollup: bool
) -> ReviewJob:
    """Queue the Word and Excel review; the task runs after the request commits."""
    from .tasks import generate_annual_review

    check_rollup_permission(actor, committee, rollup)
    job = ReviewJob.objects.create(
        committee=committee, year=year, rollup=rollup, requested_by=actor
    )
    transaction.on_commit(lambda: generate_annual_review.enqueue(job_id=job.pk))
    return job


def _advance(job: ReviewJob, progress: int, status: str = ReviewJobStatus.RUNNING) -> None:
    job.progress, job.status = progress, status
    job.save(update_fields=["progress", "status"])


def run_annual_review(*, job: ReviewJob) -> ReviewJob:
    if job.status in (ReviewJobStatus.DONE, ReviewJobStatus.FAILED):
        return job
    name = f"{job.committee.code}-{job.year}-{'rollup' if job.rollup else 'own'}-{job.pk}"
    try:
        with hold_lease(job):
            _generate(job, name)
    except Exception as error:  # the job records any failure for the person waiting on it
        job.error = f"{error.__class__.__name__}: {error}"
        job.save(update_fields=["error"])
        _advance(job, job.progress, ReviewJobStatus.FAILED)
        raise
    return job


def _generate(job: ReviewJob, name: str) -> None:
    from .exports.excel import build_review_xlsx
    from .exports.word import build_review_docx
    from .selectors import annual_figures

    _advance(job, 10)
    figures = annual_figures(committee=job.committee, year=job.year, rollup=job.rollup)
    _advance(job, 40)
    job.docx.save(f"{name}.docx", ContentFile(build_review_docx(figures)), save=False)
    _advance(job, 80)
    job.xlsx.save(f"{name}.xlsx", ContentFile(build_review_xlsx(figures)), save=False)
    job.finished_at = timezone.now()
    job.save(update_fields=["docx", "xlsx", "finished_at"])
    _advance(job, 100, ReviewJobStatus.DONE)


def requeue_review(job: ReviewJob):
    """Generating again only writes the two files anew."""
    from .tasks import generate_annual_review

    _advance(job, 0, ReviewJobStatus.QUEUED)
    return lambda: generate_annual_review.enqueue(job_id=job.pk)


def fail_review(job: ReviewJob, reason: str) -> None:
    job.error, job.finished_at = reason, timezone.now()
    job.save(update_fields=["error", "finished_at"])
    _advance(job, job.progress, ReviewJobStatus.FAILED)
