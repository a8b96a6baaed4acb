"""Development, demo and tests: the message is kept in the outbox table, not sent."""

from ...models import OutboxMessage
from ..sending import SmsMessage
from .base import BaseSmsBackend


class OutboxBackend(BaseSmsBackend):
    def send(self, message: SmsMessage) -> str:
        kept = OutboxMessage.objects.create(
            phone=message.phone, kind=message.kind.key, text=message.text
        )
        return f"outbox-{kept.pk}"
