"""The plenary peak on two app nodes behind nginx (bench/multinode.py's setup): members sign in
to the plenary by QR, proposers write joint proposals with an attachment and their co-signers
confirm, the office registers each one as it arrives, and a leader keeps the cockpit open.
Then every accepted write is checked in the database exactly once: sign-ins, proposals,
co-signatures, and 案号 1..n without a gap.

    .venv/bin/python bench/plenary.py --small     # 60 members, 12 proposals: about a minute
    .venv/bin/python bench/plenary.py             # 1,119 members, 400 proposals (the peak)

Every write goes through nginx to either node; the driver reads the database only to find
what a person would see on their to-do page (their co-signing invitation) and to check the
result. Reports p50/p95/errors per action and exits non-zero on any error or any lost or
doubled write. Loopback only; the counts and windows are options.
"""

import argparse
import os
import random
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import multinode

multinode.DATABASE = "zhengxie_plenary"
BASE = f"http://127.0.0.1:{multinode.BALANCED}"
SECTIONS = {
    "situation": "城区停车泊位缺口较大，老旧小区尤为突出。" * 5,
    "analysis": "规划配建标准偏低，共享停车机制尚未建立。" * 5,
    "suggestion": "建议挖潜增建公共泊位，推行错时共享停车。" * 5,
}


class Timings:
    """Per action: each request's milliseconds, and the failures with what came back."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)

    def call(self, action: str, ok_status: int, request, *args, check: str = ""):
        started = time.perf_counter()
        try:
            status, location, body = request(*args)
        except OSError as error:
            status, location, body = 0, "", str(error)
        elapsed = (time.perf_counter() - started) * 1000
        # A refused form comes back as a redirect too: `check` is what the answer must hold
        # (the redirect's target, or the page's text).
        ok = status == ok_status and (not check or re.search(check, location or body) is not None)
        with self.lock:
            self.ms[action].append(elapsed)
            if not ok:
                self.errors[action].append(f"{status} {location} {body[:120]!r}")
        return ok, location

    def report(self) -> None:
        for action, values in self.ms.items():
            ordered = sorted(values)
            p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
            print(
                f"  {action:<20} {len(values):>5} requests"
                f"  p50 {statistics.median(values):>6.0f} ms"
                f"  p95 {p95:>6.0f} ms  errors {len(self.errors[action])}"
            )
            for error in self.errors[action][:3]:
                print(f"      {error}")


def setup(members: int) -> dict:
    """The plenary's world, made in the database the nodes share: a committee with its
    members (each with a live session), the plenary activity with every member invited, the
    proposals plenary taking proposals now, an office clerk and a leader."""
    from activities_signin import _committee, _plenary
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from zhengxie.activities.signin import make_token
    from zhengxie.core import factories
    from zhengxie.core.models import Member, Role
    from zhengxie.proposals.forms import category_choices

    store = import_module(settings.SESSION_ENGINE).SessionStore

    def session(user) -> str:
        data = store()
        data[SESSION_KEY] = str(user.pk)
        data[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        data[HASH_SESSION_KEY] = user.get_session_auth_hash()
        data.create()
        return data.session_key

    committee = _committee(members)
    activity = _plenary(committee, members)
    today = time.localtime()
    plenary = factories.make_plenary(committee=committee, code="5-9", year=today.tm_year)
    seats = list(Member.objects.filter(committee=committee).select_related("user").order_by("id"))
    staff = factories.make_user(role=Role.STAFF, committee=committee, username="bench-office")
    leader = factories.make_user(role=Role.LEADER, committee=committee, username="bench-leader")
    category = next(value for value, _label in _flat(category_choices(committee.pk)) if value)
    return {
        "cookie": settings.SESSION_COOKIE_NAME,
        "signin": f"/activities/{activity.pk}/signin/{make_token(activity)}/",
        "activity": activity.pk,
        "plenary": plenary.pk,
        "category": category,
        "members": [(seat.pk, session(seat.user)) for seat in seats],
        "staff": session(staff),
        "leader": session(leader),
    }


def _flat(choices):
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat(label)
        else:
            yield value, label


def browser(world: dict, session: str):
    person = multinode.pages.Browser(BASE)
    person.csrf = secrets.token_hex(16)  # a valid cookie and form value, as activities_signin's
    person.cookies = {world["cookie"]: session, "csrftoken": person.csrf}
    return person


def sign_in_flow(world, timings, session):
    person = browser(world, session)
    timings.call("QR page", 200, person.fetch, world["signin"])
    form = {"csrfmiddlewaretoken": person.csrf}
    timings.call("QR sign-in", 200, person.fetch, world["signin"], form, check="签到成功")


def proposal_flow(world, timings, n, author, cosigners, pool):
    """Draft, attachment, submit to the co-signers; each co-signer then confirms."""
    person = browser(world, author)
    fields = {
        "csrfmiddlewaretoken": person.csrf,
        "title": f"关于第{n}片区停车难问题的建议",
        "proposer_kind": "joint",
        "category": world["category"],
        "publish_consent": "on",
        **SECTIONS,
    }
    ok, location = timings.call("proposal draft", 302, person.fetch, "/proposals/new/", fields)
    found = re.search(r"/proposals/(\d+)/edit/", location)
    if not ok or not found:
        return
    pk = found.group(1)
    pdf = b"%PDF-1.4\n" + secrets.token_bytes(100_000)
    upload = multinode.upload

    def attach():
        return upload(person, f"/proposals/{pk}/upload/", "调研报告.pdf", pdf), "", ""

    if not timings.call("attachment upload", 302, attach)[0]:
        return
    form = [*fields.items(), ("submit", "1"), *(("cosigners", seat) for seat, _s in cosigners)]
    submit = timings.call(
        "proposal submit", 302, person.fetch, f"/proposals/{pk}/edit/", form,
        check=rf"/proposals/{pk}/$",
    )  # fmt: skip
    if not submit[0]:
        return
    for seat, session in cosigners:
        pool.submit(cosign, world, timings, int(pk), seat, session)


def cosign(world, timings, proposal: int, seat: int, session: str):
    from zhengxie.proposals.models import CoSignature

    invitation = CoSignature.objects.get(proposal_id=proposal, member_id=seat).pk
    person = browser(world, session)
    form = {"csrfmiddlewaretoken": person.csrf, "accept": "1"}
    path = f"/proposals/cosignatures/{invitation}/"
    timings.call("co-sign", 302, person.fetch, path, form, check=rf"/proposals/{proposal}/$")


def office(world, timings, expected: int, deadline: float):
    """The clerk registers each proposal once its co-signers have all answered, and reads
    the office desk between rounds."""
    from zhengxie.proposals.models import Proposal, ProposalState

    clerk = browser(world, world["staff"])
    proposals = Proposal.objects.filter(plenary_id=world["plenary"])
    while time.monotonic() < deadline:
        if proposals.filter(state=ProposalState.REGISTERED).count() >= expected:
            return
        timings.call("office desk", 200, clerk.fetch, "/proposals/office/")
        waiting = proposals.filter(state=ProposalState.SUBMITTED).order_by("submitted_at")
        for pk in waiting.values_list("pk", flat=True):
            form = {"csrfmiddlewaretoken": clerk.csrf}
            path = f"/workflow/proposal/{pk}/register/"
            timings.call("register (立案)", 302, clerk.fetch, path, form)
        time.sleep(1)


def dispatch(pool: ThreadPoolExecutor, arrivals: list) -> None:
    """Hands each person's flow to the clients at their moment of arrival (the clients never
    wait for an arrival, so the co-signers' answers are not queued behind later arrivals)."""
    for at, flow, arguments in sorted(arrivals, key=lambda arrival: arrival[0]):
        time.sleep(max(0.0, at - time.monotonic()))
        pool.submit(flow, *arguments)


def cockpit(world, timings, stop: threading.Event):
    leader = browser(world, world["leader"])
    while not stop.wait(2):
        timings.call("cockpit", 200, leader.fetch, "/insights/")


def verify(world, members: int, proposals: int, cosigners: int) -> list[tuple[str, bool, str]]:
    from django.db.models import Count

    from zhengxie.activities.models import Attendance
    from zhengxie.proposals.models import CoSignature, Proposal, ProposalState, Proposer

    attendance = Attendance.objects.filter(activity_id=world["activity"])
    doubled = attendance.values("member_id").annotate(n=Count("id")).filter(n__gt=1).count()
    made = Proposal.objects.filter(plenary_id=world["plenary"])
    titles = made.values("title").annotate(n=Count("id")).filter(n__gt=1).count()
    confirmed = CoSignature.objects.filter(proposal__in=made, state="confirmed")
    joint = Proposer.objects.filter(proposal__in=made).count()
    numbers = sorted(made.exclude(number=None).values_list("number", flat=True))
    registered = made.filter(state=ProposalState.REGISTERED).count()
    return [
        ("sign-ins", attendance.count() == members and not doubled, f"{attendance.count()}"),
        ("proposals", made.count() == proposals and not titles, f"{made.count()}"),
        ("co-signatures", confirmed.count() == proposals * cosigners, f"{confirmed.count()}"),
        ("proposers", joint == proposals * (1 + cosigners), f"{joint}"),
        ("registered", registered == proposals, f"{registered}"),
        ("案号 1..n gapless", numbers == list(range(1, proposals + 1)), f"{numbers[-3:]}"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="60 members, 12 proposals")
    parser.add_argument("--members", type=int, default=1119)
    parser.add_argument("--proposals", type=int, default=400)
    parser.add_argument("--cosigners", type=int, default=2, help="per proposal")
    parser.add_argument("--signin-window", type=float, default=600, help="seconds")
    parser.add_argument("--proposal-window", type=float, default=1800, help="seconds")
    parser.add_argument("--clients", type=int, default=32)
    args, _rest = parser.parse_known_args()
    if args.small:
        args.members, args.proposals, args.signin_window, args.proposal_window = 60, 12, 30, 30

    var = Path(tempfile.mkdtemp(prefix="zx-plenary-"))
    env = multinode.environment(var)
    os.environ.update(env)
    print(f"prepare ({var})")
    multinode.prepare(env)
    import django

    django.setup()
    world = setup(args.members)
    processes = [*multinode.start_nodes(env, var), multinode.start_nginx(var)]
    timings, stop = Timings(), threading.Event()
    try:
        for port in (*multinode.NODES.values(), multinode.BALANCED):
            multinode.wait_until_up(port)
        rng = random.Random(1119)
        members = world["members"]
        writers = rng.sample(range(len(members)), args.proposals)
        started = time.monotonic()
        pool = ThreadPoolExecutor(max_workers=args.clients)
        arrivals = [
            (started + rng.uniform(0, args.signin_window), sign_in_flow, (world, timings, session))
            for _seat, session in members
        ]
        for n, writer in enumerate(writers, 1):
            others = [members[i] for i in rng.sample(range(len(members)), 8) if i != writer]
            flow = (world, timings, n, members[writer][1], others[: args.cosigners], pool)
            arrivals.append((started + rng.uniform(0, args.proposal_window), proposal_flow, flow))
        watch = threading.Thread(target=cockpit, args=(world, timings, stop))
        watch.start()
        dispatcher = threading.Thread(target=dispatch, args=(pool, arrivals))
        dispatcher.start()
        window = max(args.signin_window, args.proposal_window)
        office(world, timings, args.proposals, started + window + 300)
        dispatcher.join()
        pool.shutdown()
        stop.set()
        watch.join()
        wall = time.monotonic() - started
    finally:
        stop.set()
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
    print(
        f"{args.members} members, {args.proposals} proposals x {args.cosigners} co-signers, "
        f"{args.clients} clients, two nodes x 2 workers; {wall:.0f} s; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    timings.report()
    checks = verify(world, args.members, args.proposals, args.cosigners)
    for what, ok, detail in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {what} ({detail})")
    errors = sum(len(e) for e in timings.errors.values())
    if errors or not all(ok for _w, ok, _d in checks):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
