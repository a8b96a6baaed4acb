"""SMS through a backend named in settings, as Django does for e-mail: SMS_BACKEND is a dotted
class path, the outbox (kept in the database, nothing sent) in development, the demo and the
tests, and a provider's HTTP API in production.

Every message has a kind (core.sms.kinds): its text in Chinese and English, its urgency, and
the parameters the provider's registered template takes."""

from .kinds import ACCOUNT_OPENED, RESET_CODE, SIGN_IN_CODE, SmsKind
from .sending import SmsDeliveryError, SmsMessage, get_backend, send_sms

__all__ = [
    "ACCOUNT_OPENED",
    "RESET_CODE",
    "SIGN_IN_CODE",
    "SmsDeliveryError",
    "SmsKind",
    "SmsMessage",
    "get_backend",
    "send_sms",
]
