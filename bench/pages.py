"""Every page each demo role's menus reach, timed as that role on the demo world.

Run after `make demo` (or with ZHENGXIE_VAR_DIR or DATABASE_URL naming a seeded database):
    .venv/bin/python bench/pages.py [--rounds 10] [--role leader ...] [--json]

It runs with DEBUG off (bench/settings.py), as a deployment does, and starts as an app worker
starts (config/wsgi.py).

For each role it signs in, reads the navigation bar the role sees (the same menus_for the
page header uses, so a page added to a menu is measured without touching this file), adds the
home page, and requests each page `--rounds` times after one warm-up. It prints per page the
p50 and p95 in milliseconds, the median CPU time of this process per request (SQLite runs
in it too, so on a loaded machine it is the figure to compare between runs), and the number of
SQL queries of one request, and exits 1 when a page's p95 is over the target (150 ms) or any
request is over the limit (300 ms).

The pages are served in this process, as one app worker serves them, so its memory after the
walk is the worker's: it prints the resident set (and its peak) after every page of every role
it walked, and exits 1 when its peak is over 250 MB.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from django.db import connection
from django.test import Client

# The app worker's own start-up (config/wsgi.py): the settings above, every app, the URL
# patterns, and the start-up heap kept out of the collector's full passes, as gunicorn loads it.
import config.wsgi  # noqa: F401
from zhengxie.core.models import User
from zhengxie.core.navigation import menus_for
from zhengxie.core.permissions import all_roles

P95_TARGET_MS = 150
LIMIT_MS = 300
RSS_TARGET_MB = 250
# The demo's accounts, one per role the README lists; None is the guest.
ROLES = {
    "guest": None,
    "member": "member",
    "unit": "unit",
    "leader": "leader",
    "chair": "chair",
    "convenor": "convenor",
    "resident": "resident",
    "staff": "staff",
    "county_staff": "zengdu_staff",
    "info": "suizhou_info",
    "admin": "admin",
}


def pages_of(user) -> list[str]:
    roles = all_roles(user) if user is not None else set()
    urls = ["/"]
    for menu in menus_for(user, roles):
        urls.extend(item["url"] for item in menu["items"] if item["url"] not in urls)
    return urls


def resident_mb() -> dict:
    """This process's resident set now and at its peak, in MB (Linux's /proc)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return {
        "now": round(int(fields["VmRSS"].split()[0]) / 1024),
        "peak": round(int(fields["VmHWM"].split()[0]) / 1024),
    }


class QueryCounter:
    """Counts the statements a request runs (connection.queries is cleared at each request's
    start, so it cannot be read across one)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(client: Client, url: str, rounds: int) -> dict:
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        # The warm-up request is the one whose queries count; a menu entry that redirects
        # (a page that picks the committee) is measured at its destination.
        response = client.get(url, follow=True)
    url = response.request["PATH_INFO"]
    if response.status_code != 200:
        return {"url": url, "status": response.status_code}
    samples, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    samples.sort()
    return {
        "url": url,
        "status": 200,
        "p50": round(statistics.median(samples), 1),
        "p95": round(samples[max(0, round(len(samples) * 0.95) - 1)], 1),
        "max": round(samples[-1], 1),
        "cpu": round(statistics.median(cpu), 1),
        "queries": counter.count,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--role", action="append", choices=sorted(ROLES))
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    results = []
    for role in options.role or ROLES:
        username = ROLES[role]
        user = User.objects.get(username=username) if username else None
        client = Client()
        if user is not None:
            client.force_login(user)
        for url in pages_of(user):
            results.append({"role": role, **measure(client, url, options.rounds)})

    rss = resident_mb()
    failures = [
        row
        for row in results
        if row["status"] != 200 or row["p95"] > P95_TARGET_MS or row["max"] > LIMIT_MS
    ]
    if options.json:
        print(
            json.dumps(
                {"pages": results, "failures": len(failures), "rss_mb": rss}, ensure_ascii=False
            )
        )
    else:
        print(f"{'role':<13} {'p50':>7} {'p95':>7} {'max':>7} {'cpu':>7} {'queries':>7}  page")
        for row in results:
            if row["status"] != 200:
                print(f"{row['role']:<13} {'HTTP ' + str(row['status']):>39}  {row['url']}")
                continue
            mark = "  <-- over" if row in failures else ""
            print(
                f"{row['role']:<13} {row['p50']:>7} {row['p95']:>7} {row['max']:>7} "
                f"{row['cpu']:>7} {row['queries']:>7}  {row['url']}{mark}"
            )
        timed = sorted(row["p95"] for row in results if row["status"] == 200)
        if timed:
            overall = timed[max(0, round(len(timed) * 0.95) - 1)]
            print(
                f"\n{len(results)} pages, p95 of the pages' p95 {overall} ms, slowest "
                f"{timed[-1]} ms; {len(failures)} over the target "
                f"(p95 {P95_TARGET_MS} ms, max {LIMIT_MS} ms)"
            )
        print(
            f"worker memory after the walk: {rss['now']} MB resident, peak {rss['peak']} MB "
            f"(target {RSS_TARGET_MB} MB)"
        )
    return 1 if failures or rss["peak"] > RSS_TARGET_MB else 0


if __name__ == "__main__":
    sys.exit(main())
