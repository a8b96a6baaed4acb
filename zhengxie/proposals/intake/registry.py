"""Which model answers for a committee, trained when, and kept in each process.

A committee with fewer than MIN_EXAMPLES registered proposals has no model of its own and
borrows its parent's (a county the city's, the city the province's); its units are then
matched by name in `suggestions`. Training runs as a background task when the register has
moved by a tenth (at least RETRAIN_MIN proposals) since the last one, and from the daily
periodic run, so a page never waits for it on a worker-backed deployment."""

import threading
import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from zhengxie.core.models import Committee

from ..models import IntakeModel
from .engine import Model, train
from .register import committee_examples, register_stamp
from .storage import dumps, loads

MIN_EXAMPLES = 30  # fewer than about two per category of a 14-category table teaches little
RETRAIN_SHARE = 0.1
RETRAIN_MIN = 10
CHECK_SECONDS = 300  # how often a process asks whether the register has moved
TRAINING_CLAIM_SECONDS = 600  # one queued training per committee at a time

_loaded: dict[int, tuple[object, Model]] = {}
_lock = threading.Lock()


def train_committee(committee_id: int) -> IntakeModel | None:
    """Trains and stores the committee's model; None (and no row) below MIN_EXAMPLES."""
    stamp = register_stamp(committee_id)
    examples = committee_examples(committee_id)
    if len(examples) < MIN_EXAMPLES:
        IntakeModel.objects.filter(committee_id=committee_id).delete()
        return None
    started = time.perf_counter()
    data = dumps(train(examples))
    row, _created = IntakeModel.objects.update_or_create(
        committee_id=committee_id,
        defaults={
            "data": data,
            "examples": len(examples),
            "registered": stamp[0],
            "assigned": stamp[1],
            "size": len(data),
            "seconds": round(time.perf_counter() - started, 2),
            "trained_at": timezone.now(),
        },
    )
    return row


def has_moved(row: IntakeModel | None, stamp: tuple[int, int]) -> bool:
    if row is None:
        return stamp[0] >= MIN_EXAMPLES
    moved = abs(stamp[0] - row.registered) + abs(stamp[1] - row.assigned)
    return moved >= max(RETRAIN_MIN, RETRAIN_SHARE * row.registered)


def committees_to_train() -> list[int]:
    """Every committee whose register has moved enough since its model (the daily run)."""
    rows = {row.committee_id: row for row in IntakeModel.objects.defer("data")}
    return [
        pk
        for pk in Committee.objects.order_by("id").values_list("pk", flat=True)
        if has_moved(rows.get(pk), register_stamp(pk))
    ]


def schedule_training_if_moved(committee_id: int) -> None:
    """At most every CHECK_SECONDS per committee: one count, and a queued training if the
    register has moved enough. The claim keeps several pages from queueing it twice."""
    if not cache.add(f"intake:checked:{committee_id}", True, CHECK_SECONDS):
        return
    row = IntakeModel.objects.defer("data").filter(committee_id=committee_id).first()
    if not has_moved(row, register_stamp(committee_id)):
        return
    if cache.add(f"intake:training:{committee_id}", True, TRAINING_CLAIM_SECONDS):
        from ..tasks import train_intake_model

        transaction.on_commit(lambda: train_intake_model.enqueue(committee_id=committee_id))


def _chain(committee: Committee) -> list[int]:
    """The committee, then its parent and the parent's parent."""
    chain, current = [committee.pk], committee
    while current.parent_id and current.parent_id not in chain:
        chain.append(current.parent_id)
        current = Committee.objects.only("id", "parent_id").get(pk=current.parent_id)
    return chain


def model_for(committee: Committee) -> tuple[Model, int] | None:
    """The model answering for the committee and the committee it was learned from: its
    own, else the nearest ancestor's; None when no committee up the line has one."""
    chain = _chain(committee)
    stamps = dict(
        IntakeModel.objects.filter(committee_id__in=chain).values_list("committee_id", "trained_at")
    )
    source = next((pk for pk in chain if pk in stamps), None)
    if source is None:
        return None
    cached = _loaded.get(source)
    if cached is None or cached[0] != stamps[source]:
        row = IntakeModel.objects.filter(committee_id=source).values_list("trained_at", "data")
        trained_at, data = row.get()
        try:
            model = loads(data)
        except ValueError:  # an older layout: unusable until the next training replaces it
            return None
        with _lock:
            _loaded[source] = (trained_at, model)
        cached = _loaded[source]
    return cached[1], source
