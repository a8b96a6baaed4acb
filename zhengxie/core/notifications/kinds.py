"""Every kind of notification, declared once by the app that sends it.

Each app lists its kinds in its own `notifications.py` (`KINDS = [NotificationKind(...)]`) and
its AppConfig.ready hands that list to `register_kinds`, as it does its rules; notify() takes
the kind object, and refuses one that was never registered. A kind carries the channels a
person gets it by until they choose otherwise, and its urgency: an urgent kind goes out at
once on every channel, a non-urgent one waits for the day's digest on SMS and e-mail.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from .channels import Channel


@dataclass(frozen=True)
class NotificationKind:
    key: str  # "app.name", stored on each notification
    label: str | Promise  # what the preferences page calls it
    channels: frozenset[str] = field(default_factory=lambda: frozenset({Channel.INBOX}))
    urgent: bool = False
    # The roles that receive it, so the preferences page shows a person only their kinds.
    roles: frozenset[str] = field(default_factory=frozenset)
    order: int = 50

    def __post_init__(self) -> None:
        unknown = set(self.channels) - set(Channel.values)
        if unknown:
            raise ImproperlyConfigured(f"notification kind {self.key}: no channel {unknown}")


_registered: dict[str, NotificationKind] = {}


def register_kinds(kinds: list[NotificationKind]) -> None:
    """Declare an app's kinds; a key declared twice with different content stops start-up."""
    for kind in kinds:
        existing = _registered.get(kind.key)
        if existing is not None and existing != kind:
            raise ImproperlyConfigured(f"notification kind {kind.key} is declared twice")
        _registered[kind.key] = kind


def registered_kind(key: str) -> NotificationKind:
    try:
        return _registered[key]
    except KeyError:
        raise ImproperlyConfigured(f"no notification kind {key} is registered") from None


def registered_kinds() -> list[NotificationKind]:
    return sorted(_registered.values(), key=lambda k: (k.order, k.key))


def check_registered(kind: NotificationKind) -> NotificationKind:
    """The kind, if it is the one registered under its key; a caller with a stray kind fails
    loudly instead of sending something nobody can switch off."""
    if _registered.get(kind.key) != kind:
        raise ImproperlyConfigured(f"notification kind {kind.key} is not registered")
    return kind
