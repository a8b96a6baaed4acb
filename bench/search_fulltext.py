"""Full-text search over N synthetic proposals on the configured database: index build time
and p50/p95 per query kind.

    DATABASE_URL=sqlite:////tmp/zx_search_bench.sqlite3 .venv/bin/python bench/search_fulltext.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zx_search .venv/bin/python \\
        bench/search_fulltext.py [--docs 100000] [--keep]

The database is migrated; its search index is emptied first and (without --keep) after.
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

from zhengxie.core.models import Committee, CommitteeLevel  # noqa: E402
from zhengxie.search.selectors import count_search, search  # noqa: E402
from zhengxie.search.services import IndexEntry, clear_kind, index_documents  # noqa: E402

QUERIES = {
    "2 chars, common (建议)": "建议",
    "2 chars (养老)": "养老",
    "2 chars, rare (近视)": "近视",
    "4 chars (垃圾分类)": "垃圾分类",
    "phrase (居家养老服务)": "居家养老服务",
    "two terms (农村 养老)": "农村 养老",
    "1 char, LIKE (厕)": "厕",
}


def committees() -> list[Committee]:
    found = []
    for n in range(4):
        committee, _ = Committee.objects.get_or_create(
            code=f"bench{n}", defaults={"name": f"基准政协{n}", "level": CommitteeLevel.CITY}
        )
        found.append(committee)
    return found


def load(count: int) -> float:
    owners = committees()
    entries = (
        IndexEntry(owners[c], owners[c].pk, "bench", title, body, True)
        for n, c, title, body in generate(count)
    )
    # The records are stand-ins: the committees themselves, one object id per text.
    started = time.perf_counter()
    index_documents(_with_ids(entries), batch_size=2000)
    return time.perf_counter() - started


def _with_ids(entries):
    for n, entry in enumerate(entries, start=1):
        stand_in = Committee(pk=n)  # an unsaved row only lends its model and id
        yield IndexEntry(stand_in, entry.committee_id, entry.kind, entry.title, entry.body, True)


def measure(rounds: int, committee_id: int) -> None:
    for label, query in QUERIES.items():
        for scope, ids in (("all", None), ("one committee", [committee_id])):
            samples = []
            for _ in range(rounds):
                started = time.perf_counter()
                search(query=query, kinds=["bench"], committee_ids=ids, limit=20)
                samples.append((time.perf_counter() - started) * 1000)
            hits = count_search(query=query, kinds=["bench"], committee_ids=ids)
            print(f"  {label:24} {scope:13} {hits:7} hits  top-20 {percentiles(samples)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    clear_kind("bench")
    seconds = load(args.docs)
    print(f"full text on {connection.vendor}: {args.docs} documents indexed in {seconds:.1f} s")
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load; without statistics the planner walks the
        # kind index and rechecks every row instead of using the GIN index.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    measure(args.rounds, committees()[0].pk)
    if not args.keep:
        clear_kind("bench")


if __name__ == "__main__":
    main()
