"""The members' app API over many proposals: p95 of 今日待办, my proposals and the register
list (target under 50 ms each), then requests per second of the register list against a
minimal Django view on the same gunicorn, as a ratio.

    DATABASE_URL=sqlite:////tmp/bench_api.sqlite3 .venv/bin/python bench/api.py
    DATABASE_URL=sqlite:////tmp/bench_api_small.sqlite3 \
        .venv/bin/python bench/api.py --proposals 2000 --seconds 2 --rounds 1

Rows come from bench/proposals_register.py (bulk_create, no history); a member is the first
proposer of one proposal in 50. The latencies are taken in-process through the test client
with the member's (and the office's) bearer token, as proposals_register.py takes the web's;
the ratio serves both paths from one gunicorn (bench/portal_thread.py's server and load, the
bench URLconf's minimal view), alternating rounds so both see the same background load. The
API's rate limits are lifted for the run. Use a fresh database file: every run adds rows.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=8, help="per load round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--runs", type=int, default=30, help="requests per latency figure")
    return parser.parse_args()


ARGS = _arguments()
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.portal_settings"
os.environ["BENCH_SECONDS"] = str(ARGS.seconds)
for limit in ("API_REQUESTS_PER_ADDRESS", "API_REQUESTS_PER_TOKEN"):
    os.environ[limit] = str(10**9)

import shutil  # noqa: E402
import signal  # noqa: E402

from django.db.models import F  # noqa: E402
from django.db.models.functions import Mod  # noqa: E402
from django.test import Client  # noqa: E402

from bench.portal_thread import CONNECTIONS, WORKERS, _measure, _serve  # noqa: E402
from bench.proposals_register import build, timed  # noqa: E402
from zhengxie.core import factories as core  # noqa: E402
from zhengxie.core.services.api_tokens import issue_token  # noqa: E402
from zhengxie.proposals.models import Proposer  # noqa: E402

TARGET_MS = 50


def _people(n: int):
    staff, last = build(n)
    member = core.make_member(committee=last.committee, with_account=True)
    mine = Proposer.objects.annotate(every=Mod(F("proposal__number"), 50)).filter(
        proposal__committee=last.committee, every=0
    )
    mine.update(member=member)
    return staff, member.user


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {issue_token(user=user, device_name='bench').token}"}


def latencies(n: int, staff, member) -> None:
    as_member, as_office = Client(headers=_bearer(member)), Client(headers=_bearer(staff))
    for label, client, url in (
        ("todo", as_member, "/api/v1/todo"),
        ("proposals/mine", as_member, "/api/v1/proposals/mine"),
        ("register (member)", as_member, "/api/v1/proposals"),
        ("register (office)", as_office, "/api/v1/proposals"),
    ):
        p50, p95, queries = timed(client, url, ARGS.runs)
        verdict = "ok" if p95 < TARGET_MS else f"over {TARGET_MS} ms"
        print(f"{label:18s} n={n} p50={p50:.1f}ms p95={p95:.1f}ms queries={queries} {verdict}")


def throughput(member) -> None:
    headers, path = _bearer(member), "/api/v1/proposals"
    server = _serve()
    try:
        _measure("/bench/minimal/")  # warm-up of both paths
        _measure(path, headers)
        minimal, listed = [], []
        for _round in range(ARGS.rounds):
            minimal.append(_measure("/bench/minimal/")[0])
            listed.append(_measure(path, headers)[0])
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    minimal_rps, listed_rps = sum(minimal) / ARGS.rounds, sum(listed) / ARGS.rounds
    tool = "wrk" if shutil.which("wrk") else "python"
    database = os.environ["DATABASE_URL"].split(":", 1)[0]
    print(f"load: {tool}, {CONNECTIONS} connections, {ARGS.rounds} alternating rounds of "
          f"{ARGS.seconds} s, gunicorn sync x{WORKERS}, {database}")  # fmt: skip
    print(f"minimal view        : {minimal_rps:8.1f} req/s")
    print(f"GET /api/v1/proposals: {listed_rps:8.1f} req/s (a member's register, first page)")
    print(f"ratio               : {listed_rps / minimal_rps:8.1%}")


def main() -> None:
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("set DATABASE_URL to a fresh database (a SQLite file will do)")
    staff, member = _people(ARGS.proposals)
    latencies(ARGS.proposals, staff, member)
    throughput(member)


if __name__ == "__main__":
    main()
