"""The public job search at N open jobs (default 100,000): p50/p95 of search_jobs for the
queries people type, with and without filters, on the first page and deep in the keyset.

    DATABASE_URL=sqlite:////tmp/zx_jobs_bench.sqlite3 .venv/bin/python bench/jobs_search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zx_jobs .venv/bin/python \\
        bench/jobs_search.py [--jobs 100000] [--rounds 50]

The jobs are bulk-written as published rows of one verified employer (a generator, not the
review workflow, which would take hours at this size) and indexed through the app's own
index entries; the database is migrated first (and analysed on PostgreSQL) and the bench
committee reused on a rerun.
Target: p95 under 50 ms.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from search_corpus import percentiles  # noqa: E402

from zhengxie.core.models import Committee, CommitteeLevel, Town  # noqa: E402
from zhengxie.jobs.demo import JOBS  # noqa: E402
from zhengxie.jobs.models import Employer, Job, JobCategory  # noqa: E402
from zhengxie.jobs.search_index import job_entry  # noqa: E402
from zhengxie.jobs.selectors.search import JobQuery, search_jobs  # noqa: E402
from zhengxie.search.services import index_documents  # noqa: E402

CODE = "bench-jobs"
TOWNS = ["厉山镇", "淅河镇", "万店镇", "何店镇", "洛阳镇", "府河镇", "殷店镇", "草店镇"]


def _world() -> tuple[Committee, list[Town], dict[str, JobCategory], Employer]:
    committee, _ = Committee.objects.get_or_create(
        code=CODE, defaults={"name": "压测政协", "short_name": "压测", "level": CommitteeLevel.CITY}
    )
    towns = [Town.objects.get_or_create(committee=committee, name=n)[0] for n in TOWNS]
    names = sorted({row[1] for row in JOBS})
    categories = {n: JobCategory.objects.get_or_create(committee=committee, name=n)[0]
                  for n in names}  # fmt: skip
    employer, _ = Employer.objects.get_or_create(
        committee=committee, credit_code="91110000600037341L",
        defaults={"name": "压测企业", "contact_person": "王", "contact_phone": "13972200000",
                  "town": towns[0], "state": "verified", "verified_at": timezone.now()},
    )  # fmt: skip
    return committee, towns, categories, employer


def load(count: int) -> float:
    committee, towns, categories, employer = _world()
    have = Job.objects.filter(committee=committee).count()
    rng, now, started = random.Random(7), timezone.now(), time.perf_counter()
    for start in range(have, count, 5000):
        rows = []
        for n in range(start, min(start + 5000, count)):
            title, category, low, high, hours, benefits = JOBS[n % len(JOBS)]
            published = now - dt.timedelta(minutes=n * 7 % (50 * 24 * 60))
            rows.append(Job(
                committee=committee, employer=employer, title=title, town=rng.choice(towns),
                category=categories[category], address="工业园", pay_min=low, pay_max=high,
                hours=hours, benefits=benefits, headcount=3, open_days=60, state="open",
                published_at=published, expires_on=(published + dt.timedelta(days=60)).date(),
                description=f"招聘{title}，{benefits}。",
            ))  # fmt: skip
        jobs = Job.objects.bulk_create(rows)
        for job in jobs:
            job.employer, job.town, job.category = employer, job.town, job.category
        index_documents([job_entry(job) for job in jobs], batch_size=2000)
    if connection.vendor == "postgresql":  # the planner has no statistics after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _queries(towns, categories) -> dict[str, JobQuery]:
    return {
        "no text, first page": JobQuery(),
        "text 2 chars (焊工)": JobQuery(text="焊工"),
        "text common (工)": JobQuery(text="工"),
        "text (香菇) + town": JobQuery(text="香菇", town_id=towns[1].pk),
        "category + pay ≥ 5000": JobQuery(
            category_id=categories["技工/电工"].pk, pay_at_least=5000
        ),
        "posted in 3 days + town": JobQuery(posted_within_days=3, town_id=towns[2].pk),
    }


def measure(rounds: int) -> None:
    _, towns, categories, _ = _world()
    for label, query in _queries(towns, categories).items():
        samples, page = [], None
        for _ in range(rounds):
            started = time.perf_counter()
            page = search_jobs(query)
            samples.append((time.perf_counter() - started) * 1000)
        print(f"{label:28} {len(page.jobs):3} hits  {percentiles(samples)}")
    deep = JobQuery()
    for _ in range(200):  # walk 200 pages in, then measure the next page
        deep = JobQuery(after=search_jobs(deep).next_cursor)
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        search_jobs(deep)
        samples.append((time.perf_counter() - started) * 1000)
    print(f"{'no text, page 201':28}       {percentiles(samples)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(f"{connection.vendor}: loading up to {args.jobs} jobs …")
    print(f"loaded in {load(args.jobs):.1f} s")
    measure(args.rounds)


if __name__ == "__main__":
    main()
