"""Importing a 10,000-row proposal register: read + check, write, search indexing, and a
second import of the same file (which must change nothing).

    DATABASE_URL=sqlite:////tmp/zx_import_bench.sqlite3 .venv/bin/python bench/proposals_import.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zx_search .venv/bin/python \\
        bench/proposals_import.py [--rows 10000]

Target (issue 3): under 60 s. The database is migrated; each run makes its own committee.
"""

import argparse
import datetime as dt
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
# The search indexing job is queued, not run inline, so that it is timed on its own below.
os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from search_corpus import generate  # noqa: E402

from zhengxie.core import factories  # noqa: E402
from zhengxie.core.models import HandlingUnit, Plenary  # noqa: E402
from zhengxie.proposals.imports import running  # noqa: E402
from zhengxie.proposals.imports.columns import COLUMNS  # noqa: E402

UNITS = [
    f"市{name}局"
    for name in ("教育", "公安", "民政", "财政", "人社", "住建", "交通", "水利", "农业", "商务")
]
CATEGORIES = ["城乡建设", "社会事业", "教育事业", "经济发展", "资源环境", "医卫体育"]
NAMES = list("张王李赵刘陈杨黄周吴")


def world() -> Plenary:
    """A fresh committee per run: imported records are official and are never deleted."""
    committee = factories.make_committee(code=f"ib{time.time_ns()}", name="基准市政协")
    HandlingUnit.objects.bulk_create(HandlingUnit(committee=committee, name=n) for n in UNITS)
    return factories.make_plenary(committee=committee)


def register(rows: int) -> bytes:
    rng = random.Random(11)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(COLUMNS))
    for n, _, title, body in generate(rows):
        assigned = dt.date(2022, 3, 1) + dt.timedelta(days=rng.randint(0, 30))
        replied = assigned + dt.timedelta(days=rng.randint(20, 80)) if rng.random() < 0.8 else None
        cells = {
            "案号": n + 1,
            "案由": title[:200],
            "提案者": rng.choice(NAMES) + rng.choice(NAMES) + "委员",
            "联名人": "、".join(rng.choice(NAMES) + str(k) for k in range(rng.randint(0, 3))),
            "类别": rng.choice(CATEGORIES),
            "审查结果": "立案",
            "主办单位": rng.choice(UNITS),
            "会办单位": "，".join(rng.sample(UNITS, rng.randint(0, 2))),
            "交办日期": assigned,
            "答复日期": replied,
            "答复类别": rng.choice("ABC") if replied else None,
            "评价": rng.choice(["满意", "基本满意"]) if replied else None,
            "重点提案": "是" if n % 50 == 0 else "否",
            "督办领导": "刘强" if n % 50 == 0 else None,
            "正文": body,
        }
        sheet.append([cells.get(name) for name in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(label: str, plenary: Plenary, content: bytes) -> None:
    started = time.perf_counter()
    outcome = running.run_import(plenary=plenary, content=content)
    seconds = time.perf_counter() - started
    result = outcome.result
    if not outcome.ok:
        print(f"  {label}: {len(outcome.errors)} errors, first: {outcome.errors[:3]}")
        return
    print(
        f"  {label}: {seconds:.1f} s (created {result.created}, updated {result.updated}, "
        f"unchanged {result.unchanged})"
    )
    if result.proposal_ids:
        started = time.perf_counter()
        running.reindex_imported.call(ids=list(result.proposal_ids))
        print(f"  then the search indexing job: {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    plenary = world()
    content = register(args.rows)
    print(f"register import on {connection.vendor}: {args.rows} rows, {len(content) // 1024} KB")
    timed("first import", plenary, content)
    timed("same file again", plenary, content)


if __name__ == "__main__":
    main()
