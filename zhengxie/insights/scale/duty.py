"""The duty ledger, written directly (bench data only; the apps credit duty through
duty.services): one credit row per act (seq 1, sign +1) and, for every nineteenth act, its
reversal (seq 2, sign -1), over the kinds and roles the apps write."""

from django.contrib.contenttypes.models import ContentType

from zhengxie.activities.models import Activity
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.grassroots.models import Case, ConsultationSession
from zhengxie.opinions.models import OpinionReport
from zhengxie.proposals.models import Proposal

from .world import BATCH, ScaleWorld

K = DutyKind
# (kind, role, the model the act's source is)
ACTS = [
    (K.ATTENDANCE, "research", Activity),
    (K.ATTENDANCE, "consultation", Activity),
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
        kind, role, model = ACTS[act % len(ACTS)]
        # The act's source: distinct per act, so (member, kind, source, seq) never repeats.
        base = (member, committee, kind, role, types[model], act + 1)
        yield (*base, 1, 1)
        if act % REVERSAL_EVERY == REVERSAL_EVERY - 1:
            yield (*base, 2, -1)
        act += 1


def ledger(world: ScaleWorld) -> None:
    total, batch = world.sizes.duty_records, []
    rows = _acts(world)
    for _ in range(total):
        member, committee, kind, role, source_type, source_id, seq, sign = next(rows)
        occurred = world.day()
        batch.append(
            DutyRecord(
                member_id=member,
                committee_id=committee,
                kind=kind,
                role=role,
                occurred_on=occurred,
                year=occurred.year,
                sign=sign,
                source_type_id=source_type,
                source_id=source_id,
                seq=seq,
            )
        )
        if len(batch) == BATCH:
            DutyRecord.objects.bulk_create(batch, batch_size=BATCH)
            batch = []
    DutyRecord.objects.bulk_create(batch, batch_size=BATCH)
    world.counts["duty_records"] = total
