"""Finished rows of the database task queue leave it after a while, once a day from the
periodic runner: every notice, reminder and import leaves one, and nothing else removes them.
Failed rows are the operator's evidence and stay three times as long. A queue that is not the
database's (the embedded default runs tasks at once) has nothing to prune."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend


class Command(BaseCommand):
    help = "清理已结束的后台任务记录：成功的保留 N 天，失败的保留 3N 天"

    def add_arguments(self, parser):
        parser.add_argument("--keep-days", type=int, default=30, help="成功任务保留天数")

    def handle(self, *args, keep_days: int, **options):
        if not isinstance(task_backends["default"], DatabaseBackend):
            self.stdout.write("任务队列不在数据库中，无需清理。")
            return
        call_command(
            "prune_db_task_results",
            queue_name="*",
            min_age_days=keep_days,
            failed_min_age_days=keep_days * 3,
            verbosity=options["verbosity"],
            stdout=self.stdout,
        )
