"""Open jobs in the shared Chinese full-text index (read by `manage.py reindex_search`).

A job's document is its title, category, town, employer and description, indexed when staff
publish it and dropped when it closes. The public search still narrows every hit through
filter_public_jobs, so a stale document (an expired job before the daily task, an employer
whose verification was withdrawn) never shows.
"""

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.search.services import IndexEntry, index_documents, remove_document
from zhengxie.search.sources import SearchKind, SearchSource, url_by_pk

from .models import Job, JobState
from .permissions import filter_public_jobs

KIND = "job"


def job_entry(job: Job) -> IndexEntry:
    body = "\n".join(
        text
        for text in (
            job.category.name,
            job.town.name,
            job.employer.name,
            job.address,
            job.benefits,
            job.description,
        )
        if text
    )
    return IndexEntry(
        obj=job,
        committee_id=job.committee_id,
        kind=KIND,
        title=job.title,
        body=body,
        is_public=True,
        dated=job.published_at,
    )


def index_job(job: Job) -> None:
    index_documents([job_entry(job)])


def unindex_job(job: Job) -> None:
    remove_document(obj=job)


def all_entries() -> Iterator[IndexEntry]:
    jobs = Job.objects.filter(state=JobState.OPEN).select_related("category", "town", "employer")
    for job in jobs.iterator(chunk_size=2000):
        yield job_entry(job)


def visible_jobs(user):
    return filter_public_jobs(Job.objects.all(), today=timezone.localdate())


SEARCH_SOURCES = [SearchSource(KIND, all_entries)]
SEARCH_KINDS = [SearchKind(KIND, _("就业岗位"), visible_jobs, url_by_pk("jobs:job_detail"))]
