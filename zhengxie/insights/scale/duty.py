"""The duty ledger, written directly (bench data only; the apps credit duty through
duty.services): one credit row per act (seq 1, sign +1) and, for every nineteenth act, its
reversal (seq 2, sign -1), over the kinds and roles the apps write."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from zhengxie.activities.models import Activity
from zhengxie.core.models import Committee
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.duty.services.recompute import recompute_year
from zhengxie.grassroots.models import Case, ConsultationSession
from zhengxie.opinions.models import OpinionReport
from zhengxie.proposals.models import Proposal

from .world import YEAR, ScaleWorld, constraints_checked_after, indexes_built_after, temp_table

K = DutyKind
# (kind, role, the model the act's source is)
ACTS = [
    (K.ATTENDANCE, "research", Activity),
    (K.ATTENDANCE, "thematic", Activity),
    (K.ATTENDANCE, "plenary", Activity),
    (K.ATTENDANCE, "study", Activity),
    (K.PROPOSAL, "first", Proposal),
    (K.PROPOSAL, "cosigner", Proposal),
    (K.OPINION_SUBMITTED, "", OpinionReport),
    (K.OPINION_ADOPTED, "", OpinionReport),
    (K.SESSION, "", ConsultationSession),
    (K.CASE_RAISED, "", Case),
    (K.CASE_RESOLVED, "", Case),
    (K.ABSENCE, "plenary", Activity),
]
REVERSAL_EVERY = 19
# Act a's member is slot (a * STRIDE) % members: a prime stride spreads one member's acts.
STRIDE = 7919


def acts_for(rows: int) -> int:
    """How many acts fill `rows` ledger rows: every REVERSAL_EVERY acts take one row more, and
    the last act's reversal is left out when it would pass the count."""
    per_block = REVERSAL_EVERY + 1
    return REVERSAL_EVERY * (rows // per_block) + min(rows % per_block, REVERSAL_EVERY)


def ledger(world: ScaleWorld) -> None:
    """Set-based: Python draws only each act's kind (the seeded source, so one seed gives one
    ledger); the database builds the two million rows from small lookup tables in one
    INSERT ... SELECT, with ids in act order."""
    total = world.sizes.duty_records
    days = [world.day() for _ in range(365)]
    # Drawn, not cycled: a cycle in step with the members' rotation gives each member the same
    # three kinds for ever, and nobody could complete the five ones.
    kinds = range(len(ACTS))
    draws = [(act, world.rng.choice(kinds)) for act in range(acts_for(total))]
    slots = [m for c in world.committee_ids for m in world.members_of.get(c, [])]
    types = {model: ContentType.objects.get_for_model(model).pk for _k, _r, model in ACTS}
    created = DutyRecord._meta.get_field("created_at").get_db_prep_save(timezone.now(), connection)
    with connection.cursor() as cursor:
        tables = [
            temp_table(cursor, "scale_draw", {"kind": "integer"}, draws),
            temp_table(cursor, "scale_slot", {"member_id": "bigint"}, enumerate(slots)),
            temp_table(
                cursor,
                "scale_day",
                {"day": "date", "year": "integer"},
                ((n, d.isoformat(), d.year) for n, d in enumerate(days)),
            ),
            temp_table(
                cursor,
                "scale_act",
                {"kind": "varchar(24)", "role": "varchar(24)", "type_id": "integer"},
                ((n, k, r, types[m]) for n, (k, r, m) in enumerate(ACTS)),
            ),
        ]
        with constraints_checked_after(DutyRecord), indexes_built_after(DutyRecord):
            cursor.execute(
                LEDGER_SQL.format(table=DutyRecord._meta.db_table),
                {
                    "first": _next_id(cursor),
                    "total": total,
                    "slots": len(slots),
                    "days": len(days),
                    "every": REVERSAL_EVERY,
                    "stride": STRIDE,
                    "created": created,
                },
            )
        for table in tables:
            cursor.execute(f"DROP TABLE {table}")
    world.counts["duty_records"] = total


def _next_id(cursor) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {DutyRecord._meta.db_table}")
    return cursor.fetchone()[0]


# The row number of act a's credit is a + a / every (the reversals before it), its reversal
# the next; the day is the row's, in turn through the year's drawn days.
ROW = "(d.pos + d.pos / %(every)s + s.seq - 1)"
LEDGER_SQL = f"""
INSERT INTO {{table}} (id, member_id, committee_id, kind, role, source_type_id, source_id,
                       seq, sign, occurred_on, year, note, created_at)
SELECT %(first)s + {ROW}, m.id, m.committee_id, a.kind, a.role, a.type_id, d.pos + 1,
       s.seq, s.sign, day.day, day.year, '', %(created)s
FROM scale_draw d
CROSS JOIN (SELECT 1 AS seq, 1 AS sign UNION ALL SELECT 2, -1) s
JOIN scale_act a ON a.pos = d.kind
JOIN scale_slot slot ON slot.pos = (d.pos * %(stride)s) %% %(slots)s
JOIN core_member m ON m.id = slot.member_id
JOIN scale_day day ON day.pos = {ROW} %% %(days)s
WHERE (s.seq = 1 OR d.pos %% %(every)s = %(every)s - 1) AND {ROW} < %(total)s
ORDER BY 1
"""


def year_totals(world: ScaleWorld) -> None:
    """Each committee's year computed from the ledger by the duty app's own recompute, as the
    daily run would, so points, grades and the five ones read real values on bench data."""
    computed = 0
    for committee in Committee.objects.filter(pk__in=world.committee_ids).order_by("pk"):
        computed += recompute_year(committee=committee, year=YEAR)
    world.counts["duty_year_members"] = computed
