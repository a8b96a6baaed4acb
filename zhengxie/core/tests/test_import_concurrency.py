import threading

import pytest
from django.db import connection

from zhengxie.core.factories import (
    make_roster_dictionaries,
    make_roster_row,
    make_roster_workbook,
)
from zhengxie.core.imports import apply_rows, read_workbook, validate_rows
from zhengxie.core.models import Member


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_imports_of_one_file_create_each_person_once(city):
    # given one file, validated twice as two uploads would be
    make_roster_dictionaries(committee=city)
    rows = [make_roster_row(姓名=f"委员{n}", 手机号码=f"1390000{n:04d}") for n in range(40)]
    content = make_roster_workbook(rows)
    checked = [validate_rows(committee=city, rows=read_workbook(content)) for _ in range(2)]
    results, errors = [], []
    barrier = threading.Barrier(2)

    def run(validation):
        try:
            barrier.wait()
            results.append(apply_rows(committee=city, rows=validation.rows))
        except Exception as error:  # a failure is the test's finding, reported below
            errors.append(error)
        finally:
            connection.close()

    # when both apply at the same moment
    threads = [threading.Thread(target=run, args=(c,)) for c in checked]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # then one creates everyone and the other finds them unchanged
    assert errors == []
    assert sorted((r.created, r.unchanged) for r in results) == [(0, 40), (40, 0)]
    assert Member.objects.filter(committee=city).count() == 40
