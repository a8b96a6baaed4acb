"""Fold buffered thread views into Thread.views; run every minute from cron or a timer."""

import time

from django.core.management.base import BaseCommand

from ...services.views_counter import flush_views


class Command(BaseCommand):
    help = "把缓冲的主题查看数并入主题表"

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, default=0, help="每隔 N 秒重复执行")

    def handle(self, *args, **options):
        while True:
            folded = flush_views()
            self.stdout.write(f"已并入 {folded} 次查看")
            if not options["loop"]:
                return
            time.sleep(options["loop"])
