"""Build the demo world once: core first, then each app's demo step in dependency order."""

import random
from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

from zhengxie.core.demo import DEMO_PASSWORD, DemoWorld
from zhengxie.core.models import Committee

# Each app's demo.py exposes seed(world); apps credit duty through their services as they go.
DEMO_STEPS = [
    "zhengxie.core.demo",
    "zhengxie.proposals.demo",
    "zhengxie.opinions.demo",
    "zhengxie.activities.demo",
    "zhengxie.grassroots.demo",
    "zhengxie.portal.demo",
    "zhengxie.duty.demo",
]


class Command(BaseCommand):
    help = "载入随州市政协 2022 年演示数据（数据库为空时）"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2022)

    def handle(self, *args, **options):
        if Committee.objects.exists():
            self.stdout.write("演示数据已存在，未作改动。")
            return
        world = DemoWorld(rng=random.Random(options["seed"]))
        for step in DEMO_STEPS:
            if find_spec(step) is None:
                continue
            # One transaction per step: the services' after-commit work (duty credits,
            # notifications) lands before the next step reads it.
            with transaction.atomic():
                import_module(step).seed(world)
            self.stdout.write(f"  ✓ {step.rsplit('.', 2)[1]}")
        self.stdout.write(
            self.style.SUCCESS(f"演示数据已载入。演示账号（密码均为 {DEMO_PASSWORD}）：")
        )
        for username, user in world.accounts.items():
            self.stdout.write(f"  {username:<14} {user}")
