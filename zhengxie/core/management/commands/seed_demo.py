"""Build the demo world once: core first, then each app's demo step in dependency order.

Only into an empty database: the demo's accounts share one public password, so loading it
beside real records would open the platform to anyone who read the README. A DemoLoad row
marks a database the demo built; any other database holding committees or accounts is
refused unless the operator insists with --force.
"""

import random
from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from zhengxie.core.demo import DEMO_PASSWORD, MEMBER_MOBILES, DemoWorld
from zhengxie.core.models import Committee, DemoLoad, Member, User
from zhengxie.search.services import indexing_deferred

# The last step indexes what every step before it made, so those steps leave the index alone.
REINDEX_STEP = "zhengxie.search.demo"

# Each app's demo.py exposes seed(world); apps credit duty through their services as they go.
DEMO_STEPS = [
    "zhengxie.core.demo",
    "zhengxie.proposals.demo",
    "zhengxie.opinions.demo",
    "zhengxie.activities.demo",
    "zhengxie.activities.demo_guests",
    "zhengxie.grassroots.demo",
    "zhengxie.portal.demo",
    "zhengxie.jobs.demo",
    "zhengxie.core.demo_2021",  # the previous year, for the review's year on year
    "zhengxie.duty.demo",
    REINDEX_STEP,
]


class Command(BaseCommand):
    help = "载入随州市政协 2022 年演示数据（数据库为空时）"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2022)
        parser.add_argument(
            "--force", action="store_true", help="数据库中已有非演示数据时仍然载入（慎用）"
        )

    def handle(self, *args, **options):
        if DemoLoad.objects.exists():
            self.stdout.write(f"演示数据已存在，未作改动。演示账号的密码均为 {DEMO_PASSWORD}。")
            self._phone_help()
            return
        holds_records = Committee.objects.exists() or User.objects.exists()
        if holds_records and not options["force"]:
            raise CommandError(
                "数据库中已有政协或账号，且不是演示数据：拒绝载入演示数据（演示账号的密码是"
                "公开的）。如确需载入，请加 --force；开发环境可删除数据库文件后重新运行。"
            )
        world = DemoWorld(rng=random.Random(options["seed"]))
        # With DEBUG on, as on a developer's machine, Django keeps the text of every statement,
        # and its SQLite backend asks the database to quote each statement's parameters for
        # it: a second statement for every one of the demo's 400,000, a tenth of its time.
        # Nobody reads a seed's statements.
        with override_settings(DEBUG=False):
            with indexing_deferred():
                for step in DEMO_STEPS[:-1]:
                    self._run(step, world)
            self._run(REINDEX_STEP, world)
        DemoLoad.objects.create(seed=options["seed"])
        self.stdout.write(
            self.style.SUCCESS(f"演示数据已载入。演示账号（密码均为 {DEMO_PASSWORD}）：")
        )
        for username, user in world.accounts.items():
            self.stdout.write(f"  {username:<14} {user.mobile or '':<12} {user}")
        self._phone_help()

    def _run(self, step: str, world: DemoWorld) -> None:
        if find_spec(step) is None:
            return
        # One transaction per step: the services' after-commit work (duty credits,
        # notifications) lands before the next step reads it.
        with transaction.atomic():
            import_module(step).seed(world)
        self.stdout.write(f"  ✓ {step.rsplit('.', 2)[1]}")

    def _phone_help(self) -> None:
        first, last = MEMBER_MOBILES.format(0), MEMBER_MOBILES.format(Member.objects.count() - 1)
        self.stdout.write(
            f"每位演示委员都可用手机号登录：{first}–{last}，密码同上；"
            "或在 /accounts/login/sms/ 用短信验证码登录。\n"
            "演示环境的短信不会发出，存在发件箱中，查看某号码的最新一条：\n"
            f"  python manage.py sms_outbox --phone {first} --last"
        )
