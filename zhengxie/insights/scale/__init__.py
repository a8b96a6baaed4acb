"""The province-scale bench world (generate_scale): deterministic for a seed, written with
bulk inserts only, so no history rows, no signals and no duty credits through the services."""

import random

from django.apps import apps
from django.db import transaction

from . import activities, core, duty, grassroots, opinions, proposals
from .world import ScaleWorld, Sizes, reset_sequences

APPS = ["core", "proposals", "opinions", "activities", "grassroots", "duty"]
STEPS = [
    core.committees,
    core.terms_and_plenaries,
    core.dictionaries,
    core.members,
    proposals.proposals,
    opinions.reports,
    activities.activities,
    grassroots.cases,
    duty.ledger,
]


def generate(*, sizes: Sizes, seed: int = 2022, progress=None) -> dict[str, int]:
    """Builds the world in one transaction; returns how many of each record were made."""
    world = ScaleWorld(sizes=sizes, rng=random.Random(seed))
    with transaction.atomic():
        for step in STEPS:
            step(world)
            if progress:
                progress(step.__name__)
        reset_sequences([m for label in APPS for m in apps.get_app_config(label).get_models()])
    return world.counts
