"""Recompute every account's cached credit balance from the append-only ledger."""

from django.core.management.base import BaseCommand

from ...services.credits import rebuild_balances


class Command(BaseCommand):
    help = "按积分记录重算论坛积分余额"

    def handle(self, *args, **options):
        self.stdout.write(f"已重算 {rebuild_balances()} 个账号的积分")
