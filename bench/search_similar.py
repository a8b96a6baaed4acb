"""Similar texts over N synthetic proposals: build time, memory, p50/p95 per query.

    .venv/bin/python bench/search_similar.py [--docs 100000] [--queries 300]

Target (issue 3): p95 under 50 ms for one new text over 100,000 proposals.
"""

import argparse
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

from search_corpus import generate, percentiles  # noqa: E402

from zhengxie.search.similar import engine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    rows = [(n + 1, n + 1, c, title, body) for n, c, title, body in generate(args.docs)]
    started = time.perf_counter()
    index = engine.build_from_rows("proposal", rows)
    built = time.perf_counter() - started
    postings = index.base.inverted
    megabytes = (postings.data.nbytes + postings.indices.nbytes + postings.indptr.nbytes) / 2**20
    print(
        f"similar texts: {args.docs} documents, built in {built:.1f} s, postings {megabytes:.0f} MB"
    )

    queries = [(t, b) for _, _, t, b in generate(args.queries, seed=7)]
    rng = random.Random(1)
    for label, committees in (("all committees", None), ("one committee", [0])):
        samples, right = [], 0
        for title, body in queries:
            text = f"{title}\n{body}"
            started = time.perf_counter()
            found = engine.query(index, text, top=5, committee_ids=committees)
            samples.append((time.perf_counter() - started) * 1000)
            right += bool(found)
        print(f"  top-5, {label}: {percentiles(samples)} ({right}/{len(queries)} answered)")

    # A known text with a few edits must come back first.
    hits, samples = 0, []
    for row in rng.sample(rows, 100):
        text = f"{row[3]}\n{row[4][:200]}改{row[4][205:]}"
        started = time.perf_counter()
        found = engine.query(index, text, top=1)
        samples.append((time.perf_counter() - started) * 1000)
        hits += found[0][1].object_ids[found[0][2]] == row[1]
    print(f"  edited copies found first: {hits}/100; {percentiles(samples)}")


if __name__ == "__main__":
    main()
