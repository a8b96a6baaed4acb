"""Add the provincial committee above the demo city (after seed_demo; see core/demo_province.py)."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from zhengxie.core.demo_province import seed_province
from zhengxie.core.models import Member

# Each app's demo_province.py exposes seed(province): its records across the three levels.
STEPS = ["zhengxie.opinions.demo_province", "zhengxie.activities.demo_province"]


class Command(BaseCommand):
    help = "在演示数据之上加入省级政协（政协湖北省委员会）；已存在时不重复加入"

    def handle(self, *args, **options):
        with transaction.atomic():
            province = seed_province()
            if province is None:
                self.stdout.write("省级政协已存在，或尚未载入演示数据：未做改动")
                return
            for step in STEPS:
                import_module(step).seed(province)
        members = Member.objects.filter(committee=province).count()
        self.stdout.write(
            f"已加入 {province.name}（{province.code}），省政协委员 {members} 名；"
            "机关账号 hubei_staff、领导账号 hubei_leader，密码同演示账号"
        )
