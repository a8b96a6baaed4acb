"""The public job search: Chinese full text (the shared index, see ..search_index) with
filters, newest first, paged by keyset on (published_at, id) so page 500 costs what page 1
costs. Every hit passes filter_public_jobs: open, not expired, employer verified.

The text is an unranked lookup in the index joined to the jobs: people want the newest
openings, so ranking every hit (what the shared search does) would be work thrown away.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from zhengxie.search.selectors import filter_matching

from ..models import Job, PayUnit
from ..permissions import can_read_job, filter_public_jobs
from ..search_index import KIND

PAGE_SIZE = 20


@dataclass(frozen=True)
class JobQuery:
    text: str = ""
    town_id: int | None = None
    category_id: int | None = None
    pay_at_least: int | None = None  # yuan a month
    posted_within_days: int | None = None
    after: str = ""  # the cursor of the last job on the previous page


@dataclass(frozen=True)
class JobPage:
    jobs: list[Job]
    next_cursor: str  # "" on the last page


def cursor_of(job: Job) -> str:
    return f"{int(job.published_at.timestamp() * 1_000_000)}.{job.pk}"


def _after(jobs: QuerySet, cursor: str) -> QuerySet:
    try:
        micros, pk = (int(part) for part in cursor.split("."))
        when = dt.datetime.fromtimestamp(micros / 1_000_000, tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        return jobs  # a mangled cursor starts from the first page
    return jobs.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))


def _filtered(query: JobQuery, today: dt.date) -> QuerySet[Job]:
    jobs = filter_public_jobs(Job.objects.all(), today=today)
    if query.town_id:
        jobs = jobs.filter(town_id=query.town_id)
    if query.category_id:
        jobs = jobs.filter(category_id=query.category_id)
    if query.pay_at_least:
        jobs = jobs.filter(pay_unit=PayUnit.MONTH, pay_min__gte=query.pay_at_least)
    if query.posted_within_days:
        since = timezone.now() - dt.timedelta(days=query.posted_within_days)
        jobs = jobs.filter(published_at__gte=since)
    return jobs


def search_jobs(query: JobQuery, *, today: dt.date | None = None, size: int = PAGE_SIZE) -> JobPage:
    """One page of open jobs matching the query, in one query with text or without."""
    jobs = _filtered(query, today or timezone.localdate())
    if query.text.strip():
        jobs = filter_matching(jobs, query=query.text, kind=KIND, public_only=True)
    if query.after:
        jobs = _after(jobs, query.after)
    rows = list(
        jobs.select_related("employer", "town", "category").order_by("-published_at", "-pk")[
            : size + 1
        ]
    )
    more = len(rows) > size
    rows = rows[:size]
    return JobPage(rows, cursor_of(rows[-1]) if more else "")


def get_readable_job(user, pk: int) -> Job:
    """A job's page: open jobs of verified employers for anyone, the employer's and the
    office's in any state; a 404 for everything else, as on the web."""
    job = Job.objects.select_related("employer", "town", "category").filter(pk=pk).first()
    if job is None or not can_read_job(user, job):
        raise Http404
    return job


REFERRAL_CHOICES = 100


def jobs_to_refer(*, committee_id: int, town_id: int, today: dt.date | None = None) -> list[Job]:
    """The open jobs a grassroots case may be referred to: those in the committee's towns or
    on its board, the case's own town first, then the newest; a short list to tick from, in
    one query."""
    jobs = filter_public_jobs(Job.objects.all(), today=today or timezone.localdate())
    jobs = jobs.filter(Q(town__committee_id=committee_id) | Q(committee_id=committee_id))
    in_town = Case(When(town_id=town_id, then=Value(0)), default=Value(1))
    ordered = jobs.select_related("employer").order_by(in_town, "-published_at", "-pk")
    return list(ordered[:REFERRAL_CHOICES])
