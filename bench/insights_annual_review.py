"""Time the whole province's annual review against hand-written SQL over the same records.

Generate the province once per database, then run the bench:

    export DATABASE_URL=sqlite:///$PWD/var/bench/scale.sqlite3   # or postgres://.../zx_scale
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py generate_scale
    .venv/bin/python bench/insights_annual_review.py

Both sides compute the same figures: every count of the review JSON (the rates are ratios of
those counts) for each city with its counties, which is what the province's review is. The
service side is compute_annual_figures (uncached) per city; the SQL side is one aggregate query
per section and city, written by hand. Every count must agree; the bench prints both times
(best of RUNS alternating runs) and their ratio.
"""

import datetime
import os
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from zhengxie.core.models import Committee  # noqa: E402
from zhengxie.insights.selectors import compute_annual_figures  # noqa: E402

YEAR = 2022
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TZ = ZoneInfo("Asia/Shanghai")
DAYS = [datetime.date(YEAR, 1, 1), datetime.date(YEAR + 1, 1, 1)]
MOMENTS = [datetime.datetime(YEAR, 1, 1, tzinfo=TZ), datetime.datetime(YEAR + 1, 1, 1, tzinfo=TZ)]
REGISTERED = "'registered','assigned','reply_review','replied','redo','closed'"
HELD = "'held','outcome','followed'"

# {ids} is the city's committees as placeholders; the proposals of the year as a CTE.
BASE = """WITH base AS (
  SELECT p.id, p.state, p.replied_on, p.assigned_on, p.reply_deadline, p.redo_round
  FROM proposals_proposal p LEFT JOIN core_plenary pl ON pl.id = p.plenary_id
  WHERE p.committee_id IN ({ids}) AND p.is_deleted = %s AND p.state NOT IN ('draft','cosigning')
  AND ((p.is_plenary_proposal = %s AND pl.opens_on >= %s AND pl.opens_on < %s)
    OR (p.is_plenary_proposal = %s AND p.submitted_at >= %s AND p.submitted_at < %s)))"""
BASE_PARAMS = [False, True, *DAYS, False, *MOMENTS]
PROPOSALS = f"""{BASE}
SELECT COUNT(*),
  SUM(CASE WHEN state IN ({REGISTERED}) THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'merged' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'declined' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'to_opinion' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'to_letter' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'withdrawn' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state IN ({REGISTERED}) AND replied_on IS NOT NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN state IN ('assigned','redo') AND reply_deadline < %s THEN 1 ELSE 0 END),
  SUM(CASE WHEN state IN ({REGISTERED}) AND assigned_on IS NOT NULL THEN 1 ELSE 0 END),
  (SELECT COUNT(DISTINCT c.proposal_id) FROM proposals_contactrecord c
     JOIN base b ON b.id = c.proposal_id WHERE b.assigned_on IS NOT NULL)
FROM base"""
PROPOSAL_KEYS = ["received", "registered", "merged", "declined", "converted_to_opinion",
                 "converted_to_letter", "withdrawn", "replied", "overdue", "assigned",
                 "contacted"]  # fmt: skip
FEEDBACK = f"""{BASE}
SELECT f.rating, COUNT(*) FROM proposals_feedback f
JOIN base b ON b.id = f.proposal_id AND f.round = b.redo_round GROUP BY f.rating"""
FEEDBACK_KEYS = {"satisfied": "satisfied", "basically": "basically_satisfied",
                 "dissatisfied": "dissatisfied"}  # fmt: skip
RESULT_CLASSES = f"""{BASE}
SELECT r.result_class, COUNT(*) FROM proposals_reply r
JOIN base b ON b.id = r.proposal_id AND r.round = b.redo_round
JOIN proposals_assignment a ON a.id = r.assignment_id
WHERE r.state = 'sent' AND a.is_active = %s GROUP BY r.result_class"""
KEY = f"""{BASE}
SELECT k.supervisor_kind, COUNT(*) FROM proposals_keyproposal k
JOIN base b ON b.id = k.proposal_id GROUP BY k.supervisor_kind"""
KEY_KEYS = {"party_gov": "city_leaders", "chair": "chair_members", "special": "other",
            "other": "other"}  # fmt: skip
MEMBERS = f"""SELECT
 (SELECT COUNT(*) FROM core_member WHERE committee_id IN ({{ids}}) AND is_active = %s),
 (SELECT COUNT(*) FROM core_member WHERE committee_id IN ({{ids}}) AND is_active = %s
    AND town_id IS NOT NULL),
 (SELECT COUNT(DISTINCT a.member_id) FROM activities_attendance a
    JOIN activities_activity v ON v.id = a.activity_id
    WHERE a.committee_id IN ({{ids}}) AND a.status = 'present' AND v.state IN ({HELD})
    AND v.starts_at >= %s AND v.starts_at < %s),
 (SELECT COUNT(*) FROM duty_yearbalance y JOIN core_member m ON m.id = y.member_id
    WHERE y.committee_id IN ({{ids}}) AND y.year = %s AND m.is_active = %s
    AND y.five_ones_done = %s AND y.committee_id NOT IN (
      SELECT committee_id FROM duty_yearresult WHERE year = %s))
 + (SELECT COUNT(*) FROM duty_yearresultrow r JOIN duty_yearresult yr ON yr.id = r.result_id
    WHERE yr.committee_id IN ({{ids}}) AND yr.year = %s AND r.five_ones_done = %s),
 (SELECT COUNT(*) FROM duty_dutywarning WHERE committee_id IN ({{ids}}) AND year = %s
    AND status <> 'cleared'),
 (SELECT COUNT(*) FROM duty_recognition WHERE committee_id IN ({{ids}}) AND is_deleted = %s
    AND kind = 'honour' AND level = 'provincial' AND occurred_on >= %s AND occurred_on < %s)"""
MEMBERS_PARAMS = [True, True, *MOMENTS, YEAR, True, True, YEAR, YEAR, True, YEAR, False, *DAYS]
ACTIVITIES = f"""SELECT COUNT(*),
  SUM(CASE WHEN k.counts_as_consultation THEN 1 ELSE 0 END),
  SUM(CASE WHEN k.counts_as_study THEN 1 ELSE 0 END),
  SUM(CASE WHEN k.joint_with_upper OR v.upper_partner_id IS NOT NULL THEN 1 ELSE 0 END),
  (SELECT COUNT(*) FROM activities_outcome WHERE committee_id IN ({{ids}}) AND is_deleted = %s
     AND kind IN ('research','inspection') AND submitted_on >= %s AND submitted_on < %s),
  (SELECT COUNT(*) FROM activities_essay WHERE committee_id IN ({{ids}})
     AND submitted_on >= %s AND submitted_on < %s),
  (SELECT COUNT(*) FROM activities_invitation i JOIN activities_activity a ON a.id = i.activity_id
     WHERE i.committee_id IN ({{ids}}) AND a.state <> 'cancelled'
     AND a.starts_at >= %s AND a.starts_at < %s)
FROM activities_activity v JOIN activities_activitykind k ON k.id = v.kind_id
WHERE v.committee_id IN ({{ids}}) AND v.state IN ({HELD}) AND v.starts_at >= %s
AND v.starts_at < %s"""
ACTIVITIES_PARAMS = [False, *DAYS, *DAYS, *MOMENTS, *MOMENTS]
ATTENDANCE = f"""SELECT SUM(CASE WHEN a.status = 'present' THEN 1 ELSE 0 END),
  SUM(CASE WHEN a.status <> 'cancelled' THEN 1 ELSE 0 END)
FROM activities_attendance a JOIN activities_activity v ON v.id = a.activity_id
WHERE a.committee_id IN ({{ids}}) AND v.state IN ({HELD}) AND v.starts_at >= %s
AND v.starts_at < %s"""
OPINIONS = """WITH cohort AS (SELECT id, state FROM opinions_opinionreport
  WHERE committee_id IN ({ids}) AND is_deleted = %s AND state <> 'draft'
  AND submitted_at >= %s AND submitted_at < %s)
SELECT COUNT(*), SUM(CASE WHEN state = 'adopted' THEN 1 ELSE 0 END),
  (SELECT COUNT(DISTINCT e.report_id) FROM opinions_escalation e
     JOIN cohort c ON c.id = e.report_id),
  (SELECT COUNT(*) FROM instructions_instruction i JOIN cohort c ON c.id = i.target_id
     WHERE i.target_kind = 'opinion_report')
FROM cohort"""
GRASSROOTS = """SELECT
 (SELECT COUNT(*) FROM core_venue WHERE committee_id IN ({ids})),
 (SELECT COUNT(*) FROM grassroots_consultationsession WHERE committee_id IN ({ids})
    AND held_on >= %s AND held_on < %s),
 (SELECT COUNT(*) FROM grassroots_case WHERE committee_id IN ({ids}) AND source = 'visit'
    AND raised_on >= %s AND raised_on < %s),
 (SELECT COUNT(*) FROM core_member WHERE committee_id IN ({ids}) AND is_active = %s
    AND town_id IS NOT NULL)"""
RESOLVED = """SELECT category, COUNT(*) FROM grassroots_case WHERE committee_id IN ({ids})
AND state IN ('resolved','rated','closed') AND resolved_on >= %s AND resolved_on < %s
GROUP BY category"""
RESOLVED_KEYS = {"livelihood": "livelihood_matters_resolved",
                 "enterprise": "enterprise_difficulties_resolved",
                 "urgent": "urgent_concerns_resolved"}  # fmt: skip
# Each case's final rating, as the rating service keeps it on the case: the hand-written SQL
# reads the same schema as the service. (The tests hold it equal to each case's latest rating.)
RATINGS = """SELECT COUNT(*), SUM(CASE WHEN final_rating IN ('satisfied','basic') THEN 1 ELSE 0 END)
FROM grassroots_case WHERE committee_id IN ({ids})
AND final_rated_on >= %s AND final_rated_on < %s"""


def _row(cursor, sql: str, ids: list[int], params: list) -> tuple:
    marks = ",".join(["%s"] * len(ids))
    # Each {ids} is bound in order with the statement's other parameters.
    parts = sql.split("{ids}")
    text, bound, remaining = parts[0], [], list(params)
    for part in parts[1:]:
        before = text.count("%s") - len(bound)
        bound.extend(remaining[:before])
        remaining = remaining[before:]
        bound.extend(ids)
        text += marks + part
    cursor.execute(text, [*bound, *remaining])
    return cursor.fetchall()


def _grouped(rows, names: dict) -> dict:
    found = dict.fromkeys(names.values(), 0)
    for key, n in rows:
        if key in names:
            found[names[key]] += n
    return found


def sql_counts(cursor, ids: list[int]) -> dict:
    """Every count of one city's review, by hand-written SQL."""
    today = datetime.date.today()
    row = _row(cursor, PROPOSALS, ids, [*BASE_PARAMS, today])[0]
    counts = dict(zip(PROPOSAL_KEYS, row, strict=True))
    counts["feedback"] = _grouped(_row(cursor, FEEDBACK, ids, BASE_PARAMS), FEEDBACK_KEYS)
    classes = _row(cursor, RESULT_CLASSES, ids, [*BASE_PARAMS, True])
    counts["result_classes"] = {"A": 0, "B": 0, "C": 0, **dict(classes)}
    counts["key"] = _grouped(_row(cursor, KEY, ids, BASE_PARAMS), KEY_KEYS)
    total, towns, participants, five, warnings, honours = _row(
        cursor, MEMBERS, ids, MEMBERS_PARAMS
    )[0]
    held, consultations, study, joint, reports, essays, invitations = _row(
        cursor, ACTIVITIES, ids, ACTIVITIES_PARAMS
    )[0]
    present, expected = _row(cursor, ATTENDANCE, ids, MOMENTS)[0]
    submitted, adopted, escalated, instructions = _row(cursor, OPINIONS, ids, [False, *MOMENTS])[0]
    venues, sessions, collected, reported = _row(cursor, GRASSROOTS, ids, [*DAYS, *DAYS, True])[0]
    rated, good = _row(cursor, RATINGS, ids, DAYS)[0]
    return {
        "proposals": counts,
        "members": {"total": total, "reported_to_towns": towns, "participants": participants,
                    "five_ones_done": five, "warnings": warnings},
        "honours": {"provincial_excellent_members": honours},
        "activities": {"held": held, "consultations": consultations, "study_sessions": study,
                       "joint_with_upper": joint, "research_inspection_reports": reports,
                       "essays": essays, "invitations": invitations, "present": present,
                       "expected": expected},
        "opinions": {"submitted": submitted, "adopted": adopted, "escalated": escalated,
                     "instructions": instructions},
        "grassroots": {"venues": venues, "sessions": sessions, "problems_collected": collected,
                       **_grouped(_row(cursor, RESOLVED, ids, DAYS), RESOLVED_KEYS),
                       "rated": rated, "satisfied_or_basic": good,
                       "reported_to_towns": reported},
    }  # fmt: skip


def _scopes() -> list[tuple[Committee, list[int]]]:
    cities = Committee.objects.filter(parent__isnull=True).order_by("id")
    return [
        (city, [city.pk, *Committee.objects.filter(parent=city).values_list("id", flat=True)])
        for city in cities
    ]


def by_sql(scopes) -> list[dict]:
    with connection.cursor() as cursor:
        return [sql_counts(cursor, ids) for _city, ids in scopes]


def by_service(scopes) -> list[dict]:
    return [compute_annual_figures(committee=city, year=YEAR) for city, _ids in scopes]


def _flat(figures: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        elif isinstance(value, int) and not isinstance(value, bool):
            flat[prefix + key] = int(value)
    return flat


RATE_PARTS = {"activities.present", "activities.expected", "members.five_ones_done",
              "proposals.assigned", "proposals.contacted"}  # fmt: skip


def disagreements(service: list[dict], sql: list[dict]) -> list[str]:
    """Counts the SQL side computed that the service reports differently (or not at all)."""
    found = []
    for city_figures, city_sql in zip(service, sql, strict=True):
        mine = _flat(city_figures)
        for path, value in _flat(city_sql).items():
            if path in RATE_PARTS:
                continue  # the service reports these as rates; checked below
            if mine.get(path) != (value or 0):
                found.append(f"{city_figures['committee']} {path}: {mine.get(path)} vs {value}")
        members, activities = city_sql["members"], city_sql["activities"]
        proposals = city_sql["proposals"]
        rates = {
            "members.five_ones_completion_rate": (members["five_ones_done"], members["total"]),
            "activities.attendance_rate": (activities["present"], activities["expected"]),
            "proposals.contact_rate": (proposals["contacted"], proposals["assigned"]),
        }
        for path, (part, whole) in rates.items():
            section, key = path.split(".")
            expected = round((part or 0) / whole, 4) if whole else 0.0
            if city_figures[section][key] != expected:
                found.append(f"{city_figures['committee']} {path}: {city_figures[section][key]}")
    return found


def timed(fn, *args) -> tuple[float, list]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


if __name__ == "__main__":
    scopes = _scopes()
    print(f"{connection.vendor}: {Committee.objects.count()} committees, {len(scopes)} cities")
    # Alternating runs, best of each: both sides see the same cache and background load.
    sql_times, service_times = [], []
    for _ in range(RUNS):
        sql_run, sql = timed(by_sql, scopes)
        service_run, service = timed(by_service, scopes)
        sql_times.append(sql_run)
        service_times.append(service_run)
    sql_time, service_time = min(sql_times), min(service_times)
    wrong = disagreements(service, sql)
    checked = sum(len(_flat(city)) for city in sql)
    print(f"counts compared: {checked} over {len(scopes)} cities, disagreeing: {len(wrong)}")
    for line in wrong[:20]:
        print("  ", line)
    print(f"service (compute_annual_figures, {len(scopes)} roll-ups): {service_time:.2f} s")
    print(f"hand-written SQL, the same counts:          {sql_time:.2f} s")
    print(f"ratio service / SQL: {service_time / sql_time:.2f}x (target: within 1.3x)")
