"""Benchmark: a plenary of 500 members signing in by QR code within two minutes.

Sets up (once) a committee with 500 members who have accounts and live sessions, opens a fresh
plenary, serves the project with gunicorn on loopback, and lets 50 concurrent clients each open
the QR link (GET) and confirm (POST). Reports latency percentiles and checks that every
sign-in landed as one attendance row.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zx_activities \
    REDIS_URL=redis://127.0.0.1:6379/4 .venv/bin/python bench/activities_signin.py
"""

import argparse
import datetime as dt
import http.client
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from zhengxie.activities.models import Activity, ActivityKind, Attendance, Invitation  # noqa: E402
from zhengxie.activities.services.kinds import seed_default_kinds  # noqa: E402
from zhengxie.activities.signin import make_token  # noqa: E402
from zhengxie.core.models import Committee, CommitteeLevel, Member, Role, RoleGrant, User  # noqa: E402

CODE = "bench-signin"


def _committee(count: int) -> Committee:
    committee, _ = Committee.objects.get_or_create(
        code=CODE,
        defaults={"name": "压测政协", "short_name": "压测政协", "level": CommitteeLevel.CITY},
    )
    seed_default_kinds(committee=committee)
    have = Member.objects.filter(committee=committee).count()
    for n in range(have, count):
        user = User.objects.create_user(
            username=f"bench{n}", password=None, display_name=f"压测{n}"
        )
        RoleGrant.objects.create(user=user, committee=committee, role=Role.MEMBER)
        Member.objects.create(
            committee=committee, user=user, name=f"压测委员{n}", gender="M", mobile=f"199{n:08d}"
        )
    return committee


def _plenary(committee: Committee, count: int) -> Activity:
    start = timezone.now()
    activity = Activity.objects.create(
        committee=committee,
        kind=ActivityKind.objects.get(committee=committee, code="plenary"),
        title=f"压测全体会议 {start:%H:%M:%S}",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=4),
        state="notified",
    )
    members = Member.objects.filter(committee=committee).order_by("id")[:count]
    Invitation.objects.bulk_create(
        Invitation(activity=activity, committee=committee, member=m, source="committee")
        for m in members
    )
    return activity


def _sessions(committee: Committee, count: int) -> list[str]:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for member in Member.objects.filter(committee=committee).select_related("user")[:count]:
        session = store()
        session[SESSION_KEY] = str(member.user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = member.user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def _serve(port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not come up")


def _request(port: int, method: str, path: str, session: str, csrf: str) -> tuple[float, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={csrf}"}
    if method == "POST":
        headers.update({"X-CSRFToken": csrf, "Content-Type": "application/x-www-form-urlencoded"})
    started = time.perf_counter()
    connection.request(method, path, body="" if method == "POST" else None, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    ok = response.status == 200 and (method == "GET" or "签到成功".encode() in body)
    return elapsed, 1 if ok else 0


def _member_flow(port: int, path: str, session: str, at: float) -> tuple[float, float, int]:
    """One member arriving at `at` (seconds on the perf counter) scans and confirms."""
    time.sleep(max(0.0, at - time.perf_counter()))
    csrf = secrets.token_hex(16)  # a 32-character secret is a valid cookie and header value
    get_time, get_ok = _request(port, "GET", path, session, csrf)
    post_time, post_ok = _request(port, "POST", path, session, csrf)
    return get_time, post_time, get_ok and post_ok


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    # Members arrive at random moments within the window (two minutes for a plenary's
    # sign-in); 0 sends every flow as fast as the 50 clients can (a stress test).
    parser.add_argument("--window", type=float, default=120.0)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    committee = _committee(args.members)
    activity = _plenary(committee, args.members)
    sessions = _sessions(committee, args.members)
    path = f"/activities/{activity.pk}/signin/{make_token(activity)}/"
    server = _serve(args.port, args.workers, args.threads)
    try:
        rng = random.Random(500)
        started = time.perf_counter()
        arrivals = sorted(started + rng.uniform(0, args.window) for _ in sessions)
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = list(
                pool.map(lambda s, at: _member_flow(args.port, path, s, at), sessions, arrivals)
            )
        wall = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    gets = [r[0] * 1000 for r in results]
    posts = [r[1] * 1000 for r in results]
    rows = Attendance.objects.filter(activity=activity).count()
    print(
        f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[1]}; "
        f"gunicorn {args.workers} workers x {args.threads} threads; {args.clients} clients; "
        f"arrivals over {args.window:.0f} s; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{len(results)} members signed in within {wall:.1f} s "
        f"({len(results) / wall:.0f} members/s); successful flows: {sum(r[2] for r in results)}"
    )
    for name, values in (("GET  QR page", gets), ("POST sign-in", posts)):
        print(
            f"{name}: p50 {statistics.median(values):.0f} ms, "
            f"p95 {_percentile(values, 0.95):.0f} ms, "
            f"p99 {_percentile(values, 0.99):.0f} ms, max {max(values):.0f} ms"
        )
    print(f"attendance rows: {rows} of {args.members} (lost: {args.members - rows})")
    if rows != args.members or wall > 120:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
