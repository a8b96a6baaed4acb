"""Daily: close joint proposals' co-signing at the deadline, remind units at 30/7/1 days,
close replied proposals whose feedback window has passed, and list the overdue ones."""

from django.core.management.base import BaseCommand

from zhengxie.core.models import Committee
from zhengxie.proposals import selectors
from zhengxie.proposals.tasks import run_deadlines


class Command(BaseCommand):
    help = "提案期限：联名截止、办理到期提醒、评价期限、超期清单"

    def add_arguments(self, parser):
        parser.add_argument("--overdue", action="store_true", help="同时列出超期未办复的提案")

    def handle(self, *args, **options):
        counts = run_deadlines()
        self.stdout.write(
            f"联名截止 {counts['cosigning_closed']} 件，"
            f"发送到期提醒 {counts['reminders_sent']} 条，"
            f"评价期满办结 {counts['feedback_closed']} 件"
        )
        if options["overdue"]:
            ids = list(Committee.objects.values_list("pk", flat=True))
            for proposal in selectors.list_overdue(committee_ids=ids):
                units = "、".join(a.unit.name for a in proposal.assignments.all())
                self.stdout.write(
                    f"超期 {proposal.committee.code} 第{proposal.number}号 {proposal.title} "
                    f"（{units}，期限 {proposal.reply_deadline}）"
                )
