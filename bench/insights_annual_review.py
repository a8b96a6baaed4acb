"""Time the whole province's annual review against hand-written SQL over the same records.

Generate the province once per database, then run the bench:

    export DATABASE_URL=sqlite:///$PWD/var/bench/scale.sqlite3   # or postgres://.../zx_scale
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py generate_scale
    .venv/bin/python bench/insights_annual_review.py

The service side is compute_annual_figures (uncached) for every top-level committee with its
roll-up, summed; the SQL side is one aggregate query per section. The headline figures of the
two must agree; the bench prints both times (best of three) and their ratio.
"""

import datetime
import os
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django

django.setup()

from django.db import connection  # noqa: E402

from zhengxie.core.models import Committee  # noqa: E402
from zhengxie.insights.selectors import compute_annual_figures  # noqa: E402

YEAR = 2022
TZ = ZoneInfo("Asia/Shanghai")
DAYS = [datetime.date(YEAR, 1, 1), datetime.date(YEAR + 1, 1, 1)]
MOMENTS = [datetime.datetime(YEAR, 1, 1, tzinfo=TZ), datetime.datetime(YEAR + 1, 1, 1, tzinfo=TZ)]
REGISTERED = "'registered','assigned','reply_review','replied','redo','closed'"
HELD = "'held','outcome','followed'"

PROPOSALS = f"""
WITH base AS (
  SELECT p.* FROM proposals_proposal p LEFT JOIN core_plenary pl ON pl.id = p.plenary_id
  WHERE p.is_deleted = %s AND p.state NOT IN ('draft','cosigning') AND (
    (p.is_plenary_proposal = %s AND pl.opens_on >= %s AND pl.opens_on < %s)
    OR (p.is_plenary_proposal = %s AND p.submitted_at >= %s AND p.submitted_at < %s)))
SELECT COUNT(*),
  SUM(CASE WHEN state IN ({REGISTERED}) THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'merged' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'declined' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state IN ({REGISTERED}) AND replied_on IS NOT NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN state IN ('assigned','redo') AND reply_deadline < %s THEN 1 ELSE 0 END),
  (SELECT COUNT(*) FROM proposals_feedback f JOIN base b ON b.id = f.proposal_id
     WHERE f.round = b.redo_round AND f.rating IN ('satisfied','basically')),
  (SELECT COUNT(*) FROM proposals_keyproposal k JOIN base b ON b.id = k.proposal_id
     WHERE k.supervisor_kind = 'party_gov')
FROM base"""
MEMBERS = """SELECT COUNT(*), SUM(CASE WHEN town_id IS NOT NULL THEN 1 ELSE 0 END)
FROM core_member WHERE is_active = %s"""
PARTICIPANTS = f"""SELECT COUNT(DISTINCT a.member_id) FROM activities_attendance a
JOIN activities_activity v ON v.id = a.activity_id
WHERE a.status = 'present' AND v.state IN ({HELD}) AND v.starts_at >= %s AND v.starts_at < %s"""
ACTIVITIES = f"""SELECT COUNT(*), SUM(CASE WHEN k.counts_as_consultation THEN 1 ELSE 0 END)
FROM activities_activity v JOIN activities_activitykind k ON k.id = v.kind_id
WHERE v.state IN ({HELD}) AND v.starts_at >= %s AND v.starts_at < %s"""
OPINIONS = """SELECT COUNT(*), SUM(CASE WHEN state = 'adopted' THEN 1 ELSE 0 END)
FROM opinions_opinionreport WHERE is_deleted = %s AND state <> 'draft'
AND submitted_at >= %s AND submitted_at < %s"""
GRASSROOTS = """SELECT
 (SELECT COUNT(*) FROM core_venue),
 (SELECT COUNT(*) FROM grassroots_consultationsession WHERE held_on >= %s AND held_on < %s),
 (SELECT COUNT(*) FROM grassroots_case WHERE source = 'visit'
    AND raised_on >= %s AND raised_on < %s),
 (SELECT COUNT(*) FROM grassroots_case WHERE category = 'livelihood'
    AND state IN ('resolved','rated','closed') AND resolved_on >= %s AND resolved_on < %s),
 (SELECT COUNT(*) FROM grassroots_rating r WHERE r.rated_on >= %s AND r.rated_on < %s
    AND r.value IN ('satisfied','basic') AND NOT EXISTS (
      SELECT 1 FROM grassroots_rating r2 WHERE r2.case_id = r.case_id
      AND (r2.rated_on > r.rated_on OR (r2.rated_on = r.rated_on AND r2.id > r.id))))"""


def by_sql() -> dict:
    with connection.cursor() as cursor:
        found = []
        for sql, params in [
            (PROPOSALS, [False, True, *DAYS, False, *MOMENTS, datetime.date.today()]),
            (MEMBERS, [True]),
            (PARTICIPANTS, MOMENTS),
            (ACTIVITIES, MOMENTS),
            (OPINIONS, [False, *MOMENTS]),
            (GRASSROOTS, DAYS * 4),
        ]:
            cursor.execute(sql, params)
            found.extend(int(v or 0) for v in cursor.fetchone())
    return dict(zip(HEADLINES, found, strict=True))


HEADLINES = [
    ("proposals", "received"), ("proposals", "registered"), ("proposals", "merged"),
    ("proposals", "declined"), ("proposals", "replied"), ("proposals", "overdue"),
    ("proposals", "satisfied_or_basic"), ("proposals", "key_city_leaders"),
    ("members", "total"), ("members", "reported_to_towns"), ("members", "participants"),
    ("activities", "held"), ("activities", "consultations"),
    ("opinions", "submitted"), ("opinions", "adopted"),
    ("grassroots", "venues"), ("grassroots", "sessions"), ("grassroots", "problems_collected"),
    ("grassroots", "livelihood_matters_resolved"), ("grassroots", "satisfied_or_basic"),
]  # fmt: skip


def _headline(figures: dict, section: str, key: str) -> int:
    if key == "satisfied_or_basic" and section == "proposals":
        feedback = figures["proposals"]["feedback"]
        return feedback["satisfied"] + feedback["basically_satisfied"]
    if key == "key_city_leaders":
        return figures["proposals"]["key"]["city_leaders"]
    return figures[section][key]


def by_service() -> dict:
    totals = dict.fromkeys(HEADLINES, 0)
    for city in Committee.objects.filter(parent__isnull=True).order_by("id"):
        figures = compute_annual_figures(committee=city, year=YEAR, rollup=True)
        for section, key in HEADLINES:
            totals[(section, key)] += _headline(figures, section, key)
    return totals


def best_of(fn, runs: int = 3) -> tuple[float, dict]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


if __name__ == "__main__":
    cities = Committee.objects.filter(parent__isnull=True).count()
    print(f"{connection.vendor}: {Committee.objects.count()} committees, {cities} cities")
    sql_time, sql = best_of(by_sql)
    service_time, service = best_of(by_service)
    for (section, key), value in service.items():
        mark = "" if value == sql[(section, key)] else f"   <-- SQL says {sql[(section, key)]}"
        print(f"  {section}.{key}: {value}{mark}")
    print(f"service (compute_annual_figures over {cities} roll-ups): {service_time:.2f} s")
    print(f"hand-written SQL aggregates: {sql_time:.2f} s")
    print(f"ratio service / SQL: {service_time / sql_time:.1f}x")
