"""Time the roster import of N new members into a seeded committee, then roll it back.

    ZHENGXIE_VAR_DIR=/tmp/zx .venv/bin/python bench/core_roster_import.py [N] [committee]
Needs a database with seed_demo loaded; nothing is left written.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from zhengxie.core.factories import make_roster_row, make_roster_workbook  # noqa: E402
from zhengxie.core.imports import apply_rows, read_workbook, validate_rows  # noqa: E402
from zhengxie.core.models import Committee, Sector, Town  # noqa: E402


class Rollback(Exception):
    """Raised to undo the timed import."""


def main(count: int, code: str) -> None:
    committee = Committee.objects.get(code=code)
    sector = Sector.objects.filter(committee=committee).first().name
    town = Town.objects.filter(committee=committee).first().name
    rows = [
        make_roster_row(
            姓名=f"测试{n:05d}", 手机号码=f"186{n:08d}", 界别=sector, 专委会="", 报到乡镇街道=town
        )
        for n in range(count)
    ]
    content = make_roster_workbook(rows)
    started = time.perf_counter()
    parsed = read_workbook(content)
    read_at = time.perf_counter()
    checked = validate_rows(committee=committee, rows=parsed)
    checked_at = time.perf_counter()
    assert checked.ok, checked.errors[:3]
    try:
        with transaction.atomic():
            result = apply_rows(committee=committee, rows=checked.rows)
            applied_at = time.perf_counter()
            raise Rollback
    except Rollback:
        pass
    print(
        f"{count} rows: read {read_at - started:.2f}s, validate {checked_at - read_at:.2f}s, "
        f"apply {applied_at - checked_at:.2f}s (created {result.created}, rolled back)"
    )


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    main(count, sys.argv[2] if len(sys.argv) > 2 else "suizhou")
