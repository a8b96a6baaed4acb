"""Time the grassroots figures over the city roll-up on the current database.

Run after seed_demo: .venv/bin/python manage.py shell < bench/grassroots_figures.py
"""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhengxie.core.models import Committee, Member
from zhengxie.grassroots.selectors import figures, member_satisfaction

ids = list(Committee.objects.values_list("pk", flat=True))
runs = []
for _ in range(5):
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = figures(committee_ids=ids, year=2022)
    runs.append(time.perf_counter() - start)
print(
    f"figures(city roll-up): median {statistics.median(runs) * 1000:.0f} ms, {len(queries)} queries"
)
print({k: v for k, v in result.items() if not k.startswith("by_")})
members = list(Member.objects.filter(committee__code="suizhou").values_list("pk", flat=True))
start = time.perf_counter()
member_satisfaction(member_ids=members, year=2022)
print(f"member_satisfaction(316 members): {(time.perf_counter() - start) * 1000:.0f} ms")
