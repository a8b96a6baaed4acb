"""Recompute one committee's year for 40,000 members and 2,000,000 duty records.

    DATABASE_URL=sqlite:////tmp/duty-bench.sqlite3 .venv/bin/python bench/duty_recompute.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zx_duty .venv/bin/python bench/duty_recompute.py

The ledger is generated set-based in the database (generate_series / a recursive CTE): 1.9M
credits over 12 kinds and roles plus 100k reversals. The measured step is exactly what
`manage.py recompute_duty` runs: one GROUP BY (member, kind, role), the rules applied per group
in Python, one bulk upsert of 40,000 YearBalance rows.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402

from zhengxie.core.models import Committee, CommitteeLevel, Member, Town  # noqa: E402
from zhengxie.duty.loading import ledger_counts  # noqa: E402
from zhengxie.duty.models import DutyRecord, YearBalance  # noqa: E402
from zhengxie.duty.services.recompute import recompute_year  # noqa: E402

MEMBERS = 40_000
CREDITS = 1_900_000
REVERSAL_EVERY = 19  # 100,000 reversals
YEAR = 2022
# (kind, role) of generated acts, chosen by n % len(ACTS)
ACTS = [
    ("attendance", "research"),
    ("attendance", "consultation"),
    ("attendance", "plenary"),
    ("attendance", "study"),
    ("proposal", "first"),
    ("proposal", "cosigner"),
    ("opinion_submitted", ""),
    ("session", ""),
    ("case_resolved", ""),
    ("contact", ""),
    ("absence", "plenary"),
    ("report", ""),
]


def _case(column: str, index: int) -> str:
    whens = " ".join(f"WHEN {i} THEN '{act[index]}'" for i, act in enumerate(ACTS))
    return f"CASE {column} % {len(ACTS)} {whens} END"


def _select(first_member: int, committee_id: int, type_id: int, sign: int, seq: int) -> str:
    day = (
        "date('2022-01-01', '+' || (n % 365) || ' days')"
        if connection.vendor == "sqlite"
        else "DATE '2022-01-01' + (n % 365)::int"
    )
    return (
        f"SELECT {committee_id}, {first_member} + (n % {MEMBERS}), {_case('(n / 7)', 0)}, "
        f"{_case('(n / 7)', 1)}, {day}, {YEAR}, {sign}, {seq}, {type_id}, n, '', "
        f"CURRENT_TIMESTAMP FROM seq"
    )


def _insert(first_member: int, committee_id: int, type_id: int) -> None:
    table = DutyRecord._meta.db_table
    columns = (
        "committee_id, member_id, kind, role, occurred_on, year, sign, seq, source_type_id, "
        "source_id, note, created_at"
    )
    if connection.vendor == "sqlite":
        series = (
            "WITH RECURSIVE seq(n) AS "
            f"(SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < {CREDITS - 1})"
        )
    else:
        series = f"WITH seq(n) AS (SELECT generate_series(0, {CREDITS - 1}))"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) {series} "
            f"{_select(first_member, committee_id, type_id, 1, 1)}"
        )
        cursor.execute(
            f"INSERT INTO {table} ({columns}) {series} "
            f"{_select(first_member, committee_id, type_id, -1, 2)} WHERE n % {REVERSAL_EVERY} = 0"
        )


def _world() -> Committee:
    if Committee.objects.filter(code="bench").exists():
        _clear()  # a run that was interrupted, or kept with BENCH_KEEP
    committee = Committee.objects.create(code="bench", name="基准政协", level=CommitteeLevel.CITY)
    Member.objects.bulk_create(
        (
            Member(committee=committee, name=f"委员{i}", gender="M", mobile=f"1{i:010d}")
            for i in range(MEMBERS)
        ),
        batch_size=5000,
    )
    town = Town.objects.create(committee=committee, name="基准来源")
    first = (
        Member.objects.filter(committee=committee).order_by("id").values_list("id", flat=True)[0]
    )
    with transaction.atomic():
        _insert(first, committee.pk, ContentType.objects.get_for_model(town).pk)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM sets the visibility map autovacuum would set later, so the grouping scans
            # the index alone as it does on a settled table instead of visiting 2M heap rows.
            cursor.execute(f"VACUUM (ANALYZE) {DutyRecord._meta.db_table}")
    return committee


def _clear() -> None:
    committee = Committee.objects.get(code="bench")
    for model in (YearBalance, DutyRecord, Town):
        model.objects.filter(committee=committee).delete()
    from zhengxie.duty.models import AnnualTask, PointsScheme

    PointsScheme.objects.filter(committee=committee).delete()
    AnnualTask.objects.filter(committee=committee).delete()
    Member.objects.filter(committee=committee).delete()
    committee.delete()


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    committee = _world()
    records = DutyRecord.objects.filter(committee=committee).count()
    seconds = time.perf_counter() - started
    print(f"{connection.vendor}: {MEMBERS:,} members, {records:,} records made in {seconds:.1f} s")
    started = time.perf_counter()
    groups = sum(len(v) for v in ledger_counts(Q(committee_id=committee.pk, year=YEAR)).values())
    print(
        f"  GROUP BY member, kind, role: {groups:,} groups in {time.perf_counter() - started:.1f} s"
    )
    for attempt in ("first", "again"):
        started = time.perf_counter()
        count = recompute_year(committee=committee, year=YEAR)
        seconds = time.perf_counter() - started
        print(f"  recompute_year ({attempt}): {count:,} members in {seconds:.1f} s")
    sample = (
        YearBalance.objects.filter(committee=committee, year=YEAR).order_by("member_id").first()
    )
    print(
        f"  first member: {sample.points} points, {sample.grade}, five ones {sample.five_ones_done}"
    )
    if not os.environ.get("BENCH_KEEP"):
        _clear()


if __name__ == "__main__":
    main()
