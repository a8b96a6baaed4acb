"""Every field a year's recompute writes, checked against figures worked out by hand from a small
ledger that holds every kind of act the rules treat differently: per-act points, a role's own
rule, an annual cap, the proposal group's best rule, reversals, absences, the five ones and the
three highs."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Q

from zhengxie.core.factories import make_member
from zhengxie.duty.factories import credit
from zhengxie.duty.loading import ledger_groups
from zhengxie.duty.models import DutyKind, PointsScheme, YearBalance
from zhengxie.duty.services import revoke_duty
from zhengxie.duty.services.recognition import record_recognition
from zhengxie.duty.services.recompute import FIGURE_FIELDS, recompute_year
from zhengxie.duty.services.rules import ensure_rules

# Every figure the recompute writes, but the committee the test reads it by.
FIELDS = [field for field in FIGURE_FIELDS if field != "committee"]
NOTHING_DONE = dict.fromkeys(["proposal", "research", "consultation", "opinion", "deed"], False)


def _credit_then_revoke_one(*, member, kind: str, role: str = "", times: int = 2) -> None:
    records = credit(member=member, kind=kind, role=role, times=times)
    revoke_duty(member=member, kind=kind, source=records[0].source)


def _busy(city):
    """Minhang: attendance 15 + 5 + 10, proposals max(min(30, 15), min(9, 3)) = 15, contact
    min(12, 10), opinion 3, session 5, case 5, report 10, media report 5: 83 points."""
    member = make_member(committee=city)
    credit(member=member, kind=DutyKind.ATTENDANCE, role="research", times=3)
    credit(member=member, kind=DutyKind.ATTENDANCE, role="plenary")
    _credit_then_revoke_one(member=member, kind=DutyKind.ATTENDANCE, role="study")
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", times=2)
    credit(member=member, kind=DutyKind.PROPOSAL, role="cosigner", times=3)
    credit(member=member, kind=DutyKind.CONTACT, times=12)
    for kind in ("opinion_submitted", "session", "case_resolved", "report"):
        credit(member=member, kind=kind)
    record_recognition(
        actor=None,
        member=member,
        kind="media_report",
        level="city",
        title="日报专访",
        issuer="市日报",
        occurred_on=dt.date(2022, 6, 1),
    )
    return member


def _absent(city):
    """One plenary absence left after a reversal (-5), one forum post (+1), and an attendance
    credited then reversed, which counts for nothing."""
    member = make_member(committee=city)
    _credit_then_revoke_one(member=member, kind=DutyKind.ABSENCE, role="plenary")
    credit(member=member, kind=DutyKind.FORUM)
    _credit_then_revoke_one(member=member, kind=DutyKind.ATTENDANCE, role="consultation", times=1)
    return member


BUSY = {
    "points": Decimal(83),
    "breakdown": {
        "attendance": 30.0,
        "proposal": 15.0,
        "contact": 10.0,
        "opinion_submitted": 3.0,
        "session": 5.0,
        "case_resolved": 5.0,
        "report": 10.0,
        "media_report": 5.0,
    },
    "counts": {
        "attendance:research": 3,
        "attendance:plenary": 1,
        "attendance:study": 1,
        "proposal:first": 2,
        "proposal:cosigner": 3,
        "contact:": 12,
        "opinion_submitted:": 1,
        "session:": 1,
        "case_resolved:": 1,
        "report:": 1,
        "media_report:city": 1,
    },
    "five_ones": dict.fromkeys(NOTHING_DONE, True),
    "five_ones_done": True,
    "attended": True,
    "absences": 0,
    # quality 83, nobody rated, reputation 60 + 10 for the report: (83 * 60 + 70 * 20) / 80
    "quality": Decimal("83.0"),
    "satisfaction": None,
    "reputation": Decimal("70.0"),
    "score": Decimal("79.8"),
    # graded on 79.75, before rounding
    "grade": "competent",
}
ABSENT = {
    "points": Decimal(-4),
    "breakdown": {"absence": -5.0, "forum": 1.0},
    "counts": {"absence:plenary": 1, "forum:": 1},
    "five_ones": NOTHING_DONE,
    "five_ones_done": False,
    "attended": False,
    "absences": 1,
    "quality": Decimal("0.0"),
    "satisfaction": None,
    "reputation": Decimal("60.0"),
    "score": Decimal("15.0"),
    "grade": "incompetent",
}
IDLE = {
    **ABSENT,
    "points": Decimal(0),
    "breakdown": {},
    "counts": {},
    "absences": 0,
}


def _figures(member) -> dict:
    row = YearBalance.objects.get(member=member, year=2022)
    return {f: getattr(row, f) for f in FIELDS}


def test_recompute_writes_every_figure_worked_out_by_hand(city):
    # given a busy, an absent, an idle and a departed member, and a stale balance of one who
    # left without a record this year
    busy, absent, idle = _busy(city), _absent(city), make_member(committee=city)
    departed = make_member(committee=city, is_active=False)
    credit(member=departed, kind=DutyKind.SESSION)
    gone = make_member(committee=city, is_active=False)
    YearBalance.objects.create(committee=city, member=gone, year=2022, points=Decimal(7))
    scheme = "加分制（闵行细则）"
    # when
    assert recompute_year(committee=city, year=2022) == 4
    # then
    assert _figures(busy) == {**BUSY, "scheme_name": scheme}
    assert _figures(absent) == {**ABSENT, "scheme_name": scheme}
    assert _figures(idle) == {**IDLE, "scheme_name": scheme}
    assert _figures(departed)["points"] == Decimal(5)
    assert not YearBalance.objects.filter(member=gone).exists()


def test_the_hundred_point_scheme_starts_meetings_at_fifty_and_clamps_at_zero(city):
    # given Anqing's scheme and a member absent from eleven plenaries and two other meetings
    ensure_rules(committee=city)
    PointsScheme.objects.filter(committee=city).update(is_active=False)
    PointsScheme.objects.filter(committee=city, code="anqing").update(is_active=True)
    member = make_member(committee=city)
    credit(member=member, kind=DutyKind.ABSENCE, role="plenary", times=11)
    credit(member=member, kind=DutyKind.ABSENCE, role="standing", times=2)
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", times=2)
    credit(member=member, kind=DutyKind.REPORT, times=5)
    # when
    recompute_year(committee=city, year=2022)
    # then 50 - 110 - 10 clamps to 0; proposals min(60, 30); other duty min(25, 20)
    row = YearBalance.objects.get(member=member, year=2022)
    assert row.points == Decimal(50)
    assert row.breakdown == {
        "absence": -120.0,
        "base:参加政协会议": 50.0,
        "clamp:参加政协会议": 70.0,
        "proposal": 30.0,
        "report": 25.0,
        "clamp:其他履职": -5.0,
    }
    assert row.absences == 13


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_a_years_grouping_reads_the_ledger_index_alone(city):
    # given the query the recompute runs
    query = ledger_groups(Q(committee_id=city.pk, year=2022)).query
    sql, params = query.sql_with_params()
    # when
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    # then no table row is read and no sort is needed
    assert "USING COVERING INDEX dutyrecord_year_groups" in plan
    assert "TEMP B-TREE" not in plan
