"""Two app nodes behind nginx on this machine, sharing PostgreSQL, Redis and the upload folder:
a member signs in on node A and goes on on node B, uploads an attachment through A and
downloads it through B (sent by nginx after B's permission check), and views counted on both
nodes add up exactly; then a task worker is killed in the middle of a 10,000-row register
import, and the job is swept, retried and written exactly once; last, node A itself is killed
while a member keeps saving through the balancer, and every write answered as saved is stored
exactly once while writing goes on through node B (`--no-kill` skips both kills;
`--reuse-database` keeps the database the last run prepared).

    .venv/bin/python bench/multinode.py          # needs nginx (Debian package), PostgreSQL, Redis

Everything listens on 127.0.0.1 only; the script starts and stops its own gunicorn and nginx
processes, a fresh database `zhengxie_multinode` and Redis database 9. It prints one line per
check and exits non-zero on the first failure.
"""

import getpass
import importlib.util
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
DATABASE = "zhengxie_multinode"
NODES = {"A": 8771, "B": 8772}
BALANCED, VIA_A, VIA_B = 8770, 8781, 8782  # nginx: both nodes, only A, only B

_spec = importlib.util.spec_from_file_location("pages", ROOT / ".ci/production_pages.py")
pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(
    pages
)  # the CI walk's browser: keeps Secure cookies, sends the proxy header


def environment(var: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "ZHENGXIE_VAR_DIR": str(var),
        "MEDIA_ROOT": str(var / "uploads"),  # the shared upload store (one disk here)
        "TRUSTED_PROXIES": "127.0.0.1",
        "FILES_ACCEL_REDIRECT_PREFIX": "/_uploads/",
        "SECURE_SSL_REDIRECT": "false",
        "SMS_BACKEND": "zhengxie.core.sms.backends.aliyun.AliyunSmsBackend",
        "ALIYUN_SMS_ACCESS_KEY_ID": "bench",
        "ALIYUN_SMS_ACCESS_KEY_SECRET": "bench",
        "ALIYUN_SMS_ENDPOINT": "http://127.0.0.1:9/",
        "ALIYUN_SMS_TEMPLATES": "sign_in_code=SMS_0,reset_code=SMS_0,account_opened=SMS_0",
    }


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout.strip()


def shell(env: dict, code: str) -> str:
    return manage(env, "shell", "-c", code).splitlines()[-1]


# A small world of its own (the demo takes long to load on a busy machine): a committee, a
# member who may write proposals, the office, a handling unit and a forum thread.
WORLD = """
import uuid
from zhengxie.core import factories
from zhengxie.core.models import Role
from zhengxie.portal.factories import make_board, make_thread
tag = uuid.uuid4().hex[:6]
city = factories.make_committee(code=f"bench-{tag}", name=f"压测市政协{tag}")
factories.make_handling_unit(committee=city, name="市住建局")
seat = factories.make_member(committee=city, mobile=f"138{uuid.uuid4().int % 10**8:08d}")
member = factories.make_user(role=Role.MEMBER, committee=city, username=f"member-{tag}")
seat.user = member
seat.save(update_fields=["user"])
staff = factories.make_user(role=Role.STAFF, committee=city, username=f"staff-{tag}")
for user in (member, staff):
    user.set_password(PASSWORD)
    user.save()
thread = make_thread(board=make_board(committee=city), author=staff, title="压测主题")
print(member.username, staff.username, thread.pk)
"""


def prepare(env: dict) -> dict:
    """Returns the world's usernames and thread."""
    if "--reuse-database" not in sys.argv:  # else the database a previous run left
        psql = ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c"]
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DATABASE}"], check=True)
        subprocess.run([*psql, f"CREATE DATABASE {DATABASE}"], check=True)
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "-n", "9", "flushdb"], check=True)
    for step in (
        ("migrate", "--noinput", "-v0"),
        ("collectstatic", "--noinput", "-v0"),
        ("compilemessages", "--ignore=.venv", "-v0"),
    ):
        started = time.monotonic()
        manage(env, *step)
        print(f"  {step[0]}: {time.monotonic() - started:.1f} s")
    member, staff, thread = shell(env, WORLD.replace("PASSWORD", repr(pages.PASSWORD))).split()
    return {"member": member, "staff": staff, "thread": thread}


def start_nodes(env: dict, var: Path) -> list[subprocess.Popen]:
    processes = []
    for name, port in NODES.items():
        metrics = var / f"metrics-{name}"
        metrics.mkdir()
        node_env = {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
        command = [str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"]
        command += [
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--error-logfile",
            str(var / f"{name}.log"),
        ]
        processes.append(subprocess.Popen(command, cwd=ROOT, env=node_env))
    return processes


def start_nginx(var: Path) -> subprocess.Popen:
    params = (ROOT / "deploy/proxy_params").read_text().replace("@SCHEME@", "https")
    (var / "proxy_params").write_text(params)
    site = (ROOT / "deploy/nginx.conf").read_text()
    servers = []
    for listen, upstreams in (
        (BALANCED, NODES.values()),
        (VIA_A, [NODES["A"]]),
        (VIA_B, [NODES["B"]]),
    ):
        text = site.replace("@LISTEN@", f"127.0.0.1:{listen}").replace(
            "zhengxie_app", f"app{listen}"
        )
        a, b = (list(upstreams) * 2)[:2]
        text = text.replace("@APP_A@", f"127.0.0.1:{a}").replace("@APP_B@", f"127.0.0.1:{b}")
        text = text.replace("@PROXY_PARAMS@", str(var / "proxy_params"))
        servers.append(text.replace("@MEDIA_ROOT@", str(var / "uploads")))
    conf = var / "nginx.conf"
    conf.write_text(
        # Workers as this user: they write request bodies and read uploads under `var`.
        f"daemon off; user {getpass.getuser()}; pid {var}/nginx.pid;\n"
        f"error_log {var}/nginx-error.log;\n"
        "events { worker_connections 256; }\n"
        f"http {{ access_log {var}/nginx-access.log; client_body_temp_path {var}/nginx-body;\n"
        f"proxy_temp_path {var}/nginx-proxy;\n" + "\n".join(servers) + "\n}\n"
    )
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", str(var)])


def wait_until_up(port: int) -> None:
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"nothing answers on {port}")


def check(what: str, ok: bool, detail: str = "") -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {what}{f' ({detail})' if detail else ''}")
    if not ok:
        raise SystemExit(1)


def multipart(csrf: str, name: str, data: bytes, fields: dict | None = None) -> tuple[bytes, str]:
    """A form post with one file, as a browser sends it."""
    boundary = secrets.token_hex(12)
    parts = {"csrfmiddlewaretoken": csrf, **(fields or {})}
    head = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
        for key, value in parts.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    )
    body = head.encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def upload(browser, path: str, name: str, data: bytes) -> int:
    _, _, page = browser.fetch(path.replace("upload/", "edit/"))
    form = pages.PageLinks()
    form.feed(page)
    body, content_type = multipart(form.csrf, name, data)
    request = urllib.request.Request(
        browser.base + path, data=body, headers={**browser._headers(), "Content-Type": content_type}
    )
    try:
        response = browser.opener.open(request, timeout=60)
    except urllib.error.HTTPError as error:
        response = error
    return response.status


def journey(env: dict, world: dict) -> None:
    a = pages.Browser(f"http://127.0.0.1:{VIA_A}")
    pages.sign_in(a, world["member"])
    b = pages.Browser(f"http://127.0.0.1:{VIA_B}")
    b.cookies = a.cookies  # the same browser, now balanced to the other node
    status, location, _ = b.fetch("/proposals/mine/")
    check("signed in on A, still signed in on B", status == 200, f"{status} {location}")

    draft = shell(env, (
        "from zhengxie.core.models import User; from zhengxie.proposals import factories; "
        f"u = User.objects.get(username='{world['member']}'); "
        "c = u.role_grants.filter(role='member').first().committee; "
        "print(factories.make_draft(committee=c, author=u).pk)"
    ))  # fmt: skip
    pdf = b"%PDF-1.4\n" + secrets.token_bytes(200_000)
    status = upload(a, f"/proposals/{draft}/upload/", "调研报告.pdf", pdf)
    check("attachment uploaded through node A", status == 302, str(status))
    _, _, edit = b.fetch(f"/proposals/{draft}/edit/")
    found = re.search(r"/proposals/files/(\d+)/", edit)
    check("node B lists it", found is not None)
    request = urllib.request.Request(b.base + found.group(0), headers=b._headers())
    with urllib.request.urlopen(request, timeout=60) as response:
        data, kind = response.read(), response.headers["Content-Type"]
    check("downloaded through node B, bytes identical", data == pdf, f"{len(data)} bytes, {kind}")
    guest = urllib.request.Request(b.base + found.group(0), headers={"X-Forwarded-Proto": "https"})
    try:
        urllib.request.build_opener(pages.NoRedirect).open(guest, timeout=30)
        refused = False
    except urllib.error.HTTPError as error:
        refused = error.code in (302, 403, 404)
    check("a guest gets no file from either node", refused)
    internal = urllib.request.Request(f"http://127.0.0.1:{BALANCED}/_uploads/x")
    try:
        urllib.request.urlopen(internal, timeout=30)
        hidden = False
    except urllib.error.HTTPError as error:
        hidden = error.code == 404
    check("nginx's upload location is internal only", hidden)

    thread = shell(env, (
        "from zhengxie.portal.models import Thread; from django.urls import reverse; "
        f"t = Thread.objects.get(pk={world['thread']}); "
        "print(t.pk, t.views, reverse('portal:thread', args=[t.pk]))"
    ))  # fmt: skip
    pk, stored, path = thread.split()
    views = 60
    for n in range(views):
        status, _, _ = (a if n % 2 else b).fetch(path)
        if status != 200:
            check(f"view {n}", False, str(status))
    manage(env, "flush_thread_views")
    after = shell(
        env, f"from zhengxie.portal.models import Thread; print(Thread.objects.get(pk={pk}).views)"
    )
    check(
        f"{views} views on A and B fold to exactly {views}",
        int(after) - int(stored) == views,
        f"{stored} -> {after}",
    )


def node_lost(env: dict, world: dict, node_a: subprocess.Popen, writes: int = 120) -> None:
    """Node A is killed (SIGKILL to its gunicorn master, then its workers) while a member keeps
    saving opinion-report drafts through the balancer, four at a time: nginx sends the rest to
    node B. A write cut off with A may fail (the member sees an error and saves again); every
    write answered as saved is in the database exactly once, and writing goes on on B."""
    person = pages.Browser(f"http://127.0.0.1:{BALANCED}")
    pages.sign_in(person, world["member"])
    _, _, page = person.fetch("/opinions/new/")
    form = pages.PageLinks()
    form.feed(page)
    tag = secrets.token_hex(4)

    def write(n: int) -> tuple[str, bool]:
        title = f"节点切换{tag}-{n}"
        fields = {"csrfmiddlewaretoken": form.csrf, "title": title, "body": "情况与建议。" * 20}
        try:
            status, location, _ = person.fetch("/opinions/new/", fields)
        except OSError:
            return title, False
        return title, status == 302 and re.search(r"/opinions/\d+/$", location) is not None

    workers = subprocess.run(
        ["pgrep", "-P", str(node_a.pid)], capture_output=True, text=True
    ).stdout.split()
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = [pool.submit(write, n) for n in range(writes // 3)]
        node_a.send_signal(signal.SIGKILL)
        for pid in workers:
            os.kill(int(pid), signal.SIGKILL)
        killed_at = len(done)
        done += [pool.submit(write, n) for n in range(killed_at, writes)]
        answers = [future.result() for future in done]
    saved = [title for title, ok in answers if ok]
    stored = shell(env, (
        "from collections import Counter; from zhengxie.opinions.models import OpinionReport; "
        f"c = Counter(OpinionReport.objects.filter(title__startswith='节点切换{tag}-')"
        ".values_list('title', flat=True)); "
        "print(len(c), max(c.values(), default=0), ' '.join(c))"
    )).split()  # fmt: skip
    rows, most = int(stored[0]), int(stored[1])
    lost = set(saved) - set(stored[2:])
    check(
        f"node A killed after {killed_at} of {writes} writes: every saved write stored once",
        not lost and most <= 1,
        f"{len(saved)} answered saved, {writes - len(saved)} failed, {rows} stored",
    )
    later = [answer for answer in answers[-writes // 3 :] if answer[1]]
    check("writing goes on through node B", len(later) == len(answers[-writes // 3 :]))


PREPARE_REGISTER = """
from zhengxie.core.models import HandlingUnit, User
from zhengxie.proposals import factories
from zhengxie.proposals.imports.running import run_import
from zhengxie.proposals.tests.test_imports import row, workbook
staff = User.objects.get(username=STAFF)
committee = staff.role_grants.filter(role="staff").first().committee
unit = HandlingUnit.objects.filter(committee=committee).order_by("pk").first().name
plenary = factories.make_plenary(committee=committee)  # the world's own committee
rows = [row(案号=n, 案由=f"关于第{n}号停车管理的建议", 主办单位=unit) for n in range(1, ROWS + 1)]
content = workbook(rows)
checked = run_import(plenary=plenary, content=content, dry_run=True)
assert checked.ok, checked.errors[:3]
open(PATH, "wb").write(content)
print(plenary.pk)
"""


def start_worker(env: dict, var: Path) -> subprocess.Popen:
    log = open(var / "worker.log", "ab")  # noqa: SIM115  (closed with the process)
    command = [PYTHON, "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


def job_state(env: dict, plenary: str) -> list[str]:
    return shell(env, (
        "from zhengxie.proposals.models import RegisterImport, Proposal; "
        f"j = RegisterImport.objects.filter(plenary_id={plenary}).order_by('pk').last(); "
        f"n = Proposal.objects.filter(plenary_id={plenary}).count(); "
        "print(j.status if j else '-', j.done if j else 0, j.attempts if j else 0, n, "
        "(j.path or '-') if j else '-')"
    )).split()  # fmt: skip


def killed_import(env: dict, var: Path, world: dict, rows: int = 10_000) -> None:
    """A worker killed (SIGKILL) in the middle of a 10,000-row register import: nothing is
    written, the workbook is kept, the sweep queues the job again once the lease is stale,
    and a new worker writes every row exactly once."""
    path = var / "register.xlsx"
    code = PREPARE_REGISTER.replace("ROWS", str(rows)).replace("PATH", repr(str(path)))
    code = code.replace("STAFF", repr(world["staff"]))
    plenary = shell(env, code)
    staff = pages.Browser(f"http://127.0.0.1:{VIA_A}")
    pages.sign_in(staff, world["staff"])
    _, _, page = staff.fetch("/proposals/io/import/")
    form = pages.PageLinks()
    form.feed(page)
    body, content_type = multipart(form.csrf, "register.xlsx", path.read_bytes(), {
        "plenary": plenary,
    })  # fmt: skip
    headers = {**staff._headers(), "Content-Type": content_type}
    request = urllib.request.Request(staff.base + "/proposals/io/import/", body, headers)
    try:
        staff.opener.open(request, timeout=120)
    except urllib.error.HTTPError as error:
        check("register uploaded through node A", error.code == 302, str(error.code))
    worker = start_worker(env, var)
    started = time.monotonic()
    while True:
        status, done, *_ = job_state(env, plenary)
        if status == "running" and int(done) > 0:
            break
        if time.monotonic() - started > 600 or status in ("done", "failed"):
            check("the import was caught running", False, status)
        time.sleep(0.5)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    status, done, attempts, written, kept = job_state(env, plenary)
    check(
        f"worker killed at row {done} of {rows}: nothing written, workbook kept",
        status == "running" and written == "0" and kept != "-",
        f"{status}, {written} proposals",
    )
    wait = 120 + 5  # core.leases.LEASE_SECONDS and a margin
    print(f"  waiting {wait} s for the lease to go stale")
    time.sleep(wait)
    print("  " + manage(env, "sweep_jobs"))
    worker = start_worker(env, var)
    started = time.monotonic()
    try:
        while (state := job_state(env, plenary))[0] not in ("done", "failed"):
            if time.monotonic() - started > 900:
                break
            time.sleep(2)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    status, done, attempts, written, kept = state
    took = time.monotonic() - started
    check(
        f"retried and finished in {took:.0f} s: {rows} proposals exactly once, workbook removed",
        (status, attempts, written, kept) == ("done", "2", str(rows), "-"),
        " ".join(state),
    )


def main() -> None:
    if not shutil.which("nginx"):
        sys.exit("nginx is not installed (apt-get install nginx-light)")
    var = Path(tempfile.mkdtemp(prefix="zx-multinode-"))
    env = environment(var)
    print(f"prepare ({var})")
    world = prepare(env)
    processes = start_nodes(env, var)
    processes.append(start_nginx(var))
    try:
        for port in (*NODES.values(), BALANCED, VIA_A, VIA_B):
            wait_until_up(port)
        journey(env, world)
        if "--no-kill" not in sys.argv:
            killed_import(env, var, world)
            node_lost(env, world, processes[0])
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
