"""Handing one message to the configured backend."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.module_loading import import_string

from ..metrics import SMS_SENT
from .kinds import SmsKind


class SmsDeliveryError(Exception):
    """The backend could not send; str() is a clear Chinese message for the person or the
    office, and `code` the provider's own error code for the log."""

    def __init__(self, message: str, *, code: str = "") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    kind: SmsKind
    params: dict[str, str] = field(default_factory=dict)
    language: str = "zh-hans"

    @property
    def text(self) -> str:
        with translation.override(self.language):
            return self.kind.render(self.params)


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(*, phone: str, kind: SmsKind, params: dict[str, object]) -> str:
    """Sends one message in the active language; returns the backend's id for it. Raises
    SmsDeliveryError when the backend refuses or cannot be reached."""
    message = SmsMessage(
        phone=phone,
        kind=kind,
        # Providers take template parameters as strings only (Aliyun: isv.INVALID_JSON_PARAM).
        params=kind.fitted({name: str(value) for name, value in params.items()}),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    try:
        sent = get_backend().send(message)
    except SmsDeliveryError:
        SMS_SENT.labels(kind.key, "failed").inc()
        raise
    SMS_SENT.labels(kind.key, "sent").inc()
    return sent
