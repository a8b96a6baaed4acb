"""A guest's thread page against a minimal Django view, both served by gunicorn (WSGI, sync
workers) with PostgreSQL and Redis, measured side by side in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zx_portal \
    REDIS_URL=redis://127.0.0.1:6379/8 .venv/bin/python bench/portal_thread.py

Load comes from wrk (Debian's package) when installed, otherwise from a bounded Python
generator; either way only 127.0.0.1 is targeted and every run stops by itself. The bench
also checks that the views counted equal the thread requests served.
"""

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8871"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
# Two sync workers serve one request each; more connections only wait in the accept queue.
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))


def _ensure_database() -> None:
    """Create the bench database on first use (the server's maintenance db is `postgres`)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    params = {"host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if exists.fetchone() is None:
            admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.portal_settings"
    import django

    django.setup()


def _prepare() -> int:
    """Migrate the bench database and make one thread with 9 replies (a full first page)."""
    from django.core.management import call_command

    from zhengxie.core.factories import make_committee, make_user
    from zhengxie.core.models import Committee, Role
    from zhengxie.portal.factories import make_board, make_thread
    from zhengxie.portal.models import Thread
    from zhengxie.portal.services import posting

    call_command("migrate", verbosity=0)
    thread = Thread.objects.filter(title="压测主题").first()
    if thread:
        return thread.pk
    city = Committee.objects.filter(parent__isnull=True).first() or make_committee(code="bench")
    staff = make_user(role=Role.STAFF, committee=city)
    thread = make_thread(board=make_board(committee=city), author=staff, title="压测主题")
    for n in range(9):
        posting.reply(user=staff, thread=thread, body=f"第{n + 2}楼：压测回复内容。" * 5,
                      skip_limits=True)  # fmt: skip
    return thread.pk


def _pending(thread_id: int) -> int:
    from zhengxie.portal.services.views_counter import pending_views

    return pending_views([thread_id])[thread_id]


def _wrk(url: str, headers: dict | None = None) -> tuple[float, int]:
    sent = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", *sent, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    if "Non-2xx" in out:
        raise SystemExit(f"non-2xx responses from {url}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, int(re.search(r"(\d+) requests in", out).group(1))


def _python_load(path: str, headers: dict | None = None) -> tuple[float, int]:
    """Fallback: CONNECTIONS keep-alive clients for SECONDS seconds against 127.0.0.1."""
    done, deadline, lock = [0], time.monotonic() + SECONDS, threading.Lock()

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        while time.monotonic() < deadline:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            response.read()
            assert response.status == 200, response.status
            with lock:
                done[0] += 1

    started = time.monotonic()
    workers = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return done[0] / (time.monotonic() - started), done[0]


def _measure(path: str, headers: dict | None = None) -> tuple[float, int]:
    if shutil.which("wrk"):
        return _wrk(f"http://127.0.0.1:{PORT}{path}", headers)
    return _python_load(path, headers)


def _serve() -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi:application", "-b", f"127.0.0.1:{PORT}",
         "-w", str(WORKERS), "--worker-class", "sync", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.portal_settings"},
    )  # fmt: skip
    for _ in range(600):  # up to a minute: workers start slowly on a loaded machine
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    if not (
        os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")
    ):
        raise SystemExit("set DATABASE_URL (PostgreSQL) and REDIS_URL")
    _ensure_database()
    _django()
    thread_id = _prepare()
    from zhengxie.portal.services.pages import LOCAL_SECONDS

    server = _serve()
    try:
        thread_path = f"/portal/threads/{thread_id}/"
        _measure("/bench/minimal/")  # warm-up of both paths
        _measure(thread_path)
        # Let requests in flight when the load stopped finish, and the workers' buffered views
        # reach the shared count.
        time.sleep(LOCAL_SECONDS + 1)
        before = _pending(thread_id)
        minimal, thread, served = [], [], 0
        # Alternate rounds so that both endpoints see the same background load.
        for _round in range(ROUNDS):
            minimal.append(_measure("/bench/minimal/")[0])
            rps, requests = _measure(thread_path)
            thread.append(rps)
            served += requests
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    counted = _pending(thread_id) - before  # after the workers' exit flushes
    minimal_rps, thread_rps = sum(minimal) / ROUNDS, sum(thread) / ROUNDS
    tool = "wrk" if shutil.which("wrk") else "python"
    print(
        f"load: {tool}, {CONNECTIONS} connections, {ROUNDS} alternating rounds of {SECONDS} s, "
        f"gunicorn sync x{WORKERS}, PostgreSQL + Redis"
    )
    print(f"minimal view : {minimal_rps:9.1f} req/s")
    print(f"guest thread : {thread_rps:9.1f} req/s")
    print(f"ratio        : {thread_rps / minimal_rps:9.1%} (target >= 80%)")
    rounds = ", ".join(f"{t / m:.0%}" for m, t in zip(minimal, thread, strict=True))
    print(f"per round    : {rounds}")
    print(
        f"views counted: {counted} for {served} completed thread requests "
        f"(wrk does not count up to {CONNECTIONS} per round still in flight when it stops)"
    )


if __name__ == "__main__":
    main()
