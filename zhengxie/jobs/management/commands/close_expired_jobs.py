from django.core.management.base import BaseCommand

from zhengxie.jobs.services.jobs import expire_jobs


class Command(BaseCommand):
    help = "关闭已过招聘截止日期的岗位（每日执行；搜索结果自截止次日起已不显示）"

    def handle(self, *args, **options):
        closed = expire_jobs()
        self.stdout.write(f"已关闭到期岗位 {closed} 个。")
