"""Register list and record page timings over many proposals.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/proposals_register.py 100000

Builds the rows with bulk_create (no history), then times the register's first page, a filtered
page, a later page and a record page through the test client: p50/p95 in ms, queries per page."""

import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from zhengxie.core import factories as core  # noqa: E402
from zhengxie.core.models import Role  # noqa: E402
from zhengxie.proposals.models import Assignment, Proposal, Proposer  # noqa: E402


def build(n: int):
    call_command("migrate", verbosity=0)
    city = core.make_committee(code=f"bench{time.time_ns()}")
    plenary = core.make_plenary(committee=city)
    units = [core.make_handling_unit(committee=city) for _ in range(40)]
    staff = core.make_user(role=Role.STAFF, committee=city)
    day = plenary.closes_on
    for start in range(0, n, 5000):
        rows = Proposal.objects.bulk_create(
            Proposal(
                committee=city,
                plenary=plenary,
                number=i + 1,
                title=f"关于第{i}项工作的建议",
                state="assigned",
                category="城乡建设",
                category_main="生态文明建设",
            )
            for i in range(start, min(n, start + 5000))
        )
        Proposer.objects.bulk_create(
            Proposer(committee=city, proposal=p, name=f"委员{p.number}", is_first=True)
            for p in rows
        )
        Assignment.objects.bulk_create(
            Assignment(
                committee=city,
                proposal=p,
                unit=units[p.number % 40],
                role="lead",
                assigned_on=day,
                deadline=day,
                original_deadline=day,
            )
            for p in rows
        )
    if connection.vendor == "postgresql":
        # Autovacuum analyzes a table this freshly loaded within a minute or so; timed before
        # it has, the planner still believes the table holds a few dozen rows and sorts all
        # 100,000 for a page of 50 instead of reading them off the register's index.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return staff, Proposal.objects.filter(committee=city).order_by("-id").first()


def timed(client: Client, url: str, runs: int = 30) -> tuple[float, float, int]:
    samples, queries = [], 0
    for _ in range(runs):
        # The build's bulk inserts fill the connection's query log (it keeps 9,000), and a
        # full log makes every capture after it read as empty.
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            samples.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], queries


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    staff, last = build(n)
    client = Client()
    client.force_login(staff)
    for label, url in (
        ("register", "/proposals/"),
        ("register?unit", f"/proposals/?unit={last.assignments.get().unit_id}"),
        ("register?page=100", "/proposals/?page=100"),
        ("record", f"/proposals/{last.pk}/"),
    ):
        p50, p95, queries = timed(client, url)
        print(f"{label:20s} n={n} p50={p50:.1f}ms p95={p95:.1f}ms queries={queries}")


if __name__ == "__main__":
    main()
