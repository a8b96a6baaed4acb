from ..sending import SmsMessage


class BaseSmsBackend:
    """A backend sends one message and returns its id, or raises SmsDeliveryError."""

    def send(self, message: SmsMessage) -> str:
        raise NotImplementedError
