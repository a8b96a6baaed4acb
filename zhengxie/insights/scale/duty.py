"""The duty ledger, written directly (bench data only; the apps credit duty through
duty.services): one credit row per act (seq 1, sign +1) and, for every nineteenth act, its
reversal (seq 2, sign -1), over the kinds and roles the apps write."""

import itertools

from django.contrib.contenttypes.models import ContentType

from zhengxie.activities.models import Activity
from zhengxie.core.models import Committee
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.duty.services.recompute import recompute_year
from zhengxie.grassroots.models import Case, ConsultationSession
from zhengxie.opinions.models import OpinionReport
from zhengxie.proposals.models import Proposal

from .world import YEAR, ScaleWorld, insert_tuples

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


def _acts(world: ScaleWorld):
    """Yields (member, committee, kind, role, source_type, source_id, seq, sign) rows."""
    members = [(m, c) for c in world.committee_ids for m in world.members_of.get(c, [])]
    types = {model: ContentType.objects.get_for_model(model).pk for _k, _r, model in ACTS}
    act = 0
    while True:
        member, committee = members[(act * 7919) % len(members)]
        # Drawn, not cycled: a cycle in step with the members' rotation gives each member
        # the same three kinds for ever, and nobody could complete the five ones.
        kind, role, model = world.rng.choice(ACTS)
        # The act's source: distinct per act, so (member, kind, source, seq) never repeats.
        base = (member, committee, kind, role, types[model], act + 1)
        yield (*base, 1, 1)
        if act % REVERSAL_EVERY == REVERSAL_EVERY - 1:
            yield (*base, 2, -1)
        act += 1


COLUMNS = ["member", "committee", "kind", "role", "source_type", "source_id", "seq", "sign"]


def ledger(world: ScaleWorld) -> None:
    """Plain tuples straight into the table: two million model instances cost minutes."""
    total = world.sizes.duty_records
    columns = [*COLUMNS, "occurred_on", "year", "note", "created_at"]
    attnames = [DutyRecord._meta.get_field(c).attname for c in columns]
    days = [world.day() for _ in range(365)]

    def rows():
        for n, act in enumerate(itertools.islice(_acts(world), total)):
            occurred = days[n % len(days)]
            yield (*act, occurred, occurred.year, "", None)

    insert_tuples(DutyRecord, attnames, rows())
    world.counts["duty_records"] = total


def year_totals(world: ScaleWorld) -> None:
    """Each committee's year computed from the ledger by the duty app's own recompute, as the
    daily run would, so points, grades and the five ones read real values on bench data."""
    computed = 0
    for committee in Committee.objects.filter(pk__in=world.committee_ids).order_by("pk"):
        computed += recompute_year(committee=committee, year=YEAR)
    world.counts["duty_year_members"] = computed
