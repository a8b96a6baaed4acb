"""Add the provincial committee above the demo city (after seed_demo; see core/demo_province.py)."""

from django.core.management.base import BaseCommand

from zhengxie.core.demo_province import seed_province
from zhengxie.core.models import Member


class Command(BaseCommand):
    help = "在演示数据之上加入省级政协（政协湖北省委员会）；已存在时不重复加入"

    def handle(self, *args, **options):
        province = seed_province()
        if province is None:
            self.stdout.write("省级政协已存在，或尚未载入演示数据：未做改动")
            return
        members = Member.objects.filter(committee=province).count()
        self.stdout.write(
            f"已加入 {province.name}（{province.code}），省政协委员 {members} 名；"
            "机关账号 hubei_staff、领导账号 hubei_leader，密码同演示账号"
        )
