"""The search over everything (search.everything.search_everything) over N synthetic texts on
the configured database: p50/p95 of one page with its facets, as an office user reads it.
Target: p95 < 50 ms per page.

    DATABASE_URL=sqlite:////tmp/zx_everything_bench.sqlite3 .venv/bin/python \\
        bench/search_everything.py [--docs 20000] [--keep]

The texts are indexed as members' documents (bulk-made roster rows, one per text, over four
committees), so every hit goes through a real reading rule; every other kind is asked too and
answers through its own (empty) subquery. The database is migrated; the bench rows are removed
afterwards unless --keep.
"""

import argparse
import os
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
from search_corpus import generate, percentiles  # noqa: E402

from zhengxie.core.models import Committee, CommitteeLevel, Member, Role, RoleGrant, User  # noqa: E402
from zhengxie.search.everything import EverythingQuery, search_everything  # noqa: E402
from zhengxie.search.services import IndexEntry, clear_kind, index_documents  # noqa: E402

QUERIES = {
    "2 chars, common (建议)": "建议",
    "2 chars (养老)": "养老",
    "4 chars (垃圾分类)": "垃圾分类",
    "two terms (农村 养老)": "农村 养老",
    "1 char, LIKE (厕)": "厕",
}
TARGET_P95_MS = 50


def committees() -> list[Committee]:
    found = []
    for n in range(4):
        committee, _ = Committee.objects.get_or_create(
            code=f"bench{n}", defaults={"name": f"基准政协{n}", "level": CommitteeLevel.CITY}
        )
        found.append(committee)
    return found


def office_user(owners) -> User:
    user, _ = User.objects.get_or_create(username="bench_office")
    for committee in owners:
        RoleGrant.objects.get_or_create(user=user, committee=committee, role=Role.STAFF)
    return user


def load(count: int, owners) -> float:
    texts = list(generate(count))
    members = Member.objects.bulk_create(
        Member(committee=owners[c], name=f"基准{n}", gender="M") for n, c, _t, _b in texts
    )
    entries = (
        IndexEntry(member, member.committee_id, "member", title, body)
        for member, (_n, _c, title, body) in zip(members, texts, strict=True)
    )
    started = time.perf_counter()
    index_documents(entries, batch_size=2000)
    return time.perf_counter() - started


def measure(rounds: int, user) -> None:
    for label, text in QUERIES.items():
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            page = search_everything(user, EverythingQuery(text=text))
            samples.append((time.perf_counter() - started) * 1000)
        hits = sum(facet.count for facet in page.kinds)
        print(f"  {label:24} {hits:7} hits  page+facets {percentiles(samples)}")


def clean(owners) -> None:
    clear_kind("member")
    Member.objects.filter(committee__in=owners, name__startswith="基准").delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    owners = committees()
    clean(owners)
    seconds = load(args.docs, owners)
    print(f"everything on {connection.vendor}: {args.docs} documents indexed in {seconds:.1f} s")
    print(f"target: p95 < {TARGET_P95_MS} ms per page")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    measure(args.rounds, office_user(owners))
    if not args.keep:
        clean(owners)


if __name__ == "__main__":
    main()
