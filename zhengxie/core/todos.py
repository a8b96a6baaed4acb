"""今日待办: what needs a person now, gathered from every app.

Each app registers its providers from its AppConfig.ready (`register_todo_provider`), naming
the roles whose holders it has something for; `todo_for(user)` asks the providers of the
person's roles and returns typed items, most urgent and soonest due first. A provider returns
only what the person may open and costs a constant number of queries, so the whole page
does too (pinned in core/tests/test_todos.py). The items are plain data: the JSON API
serialises `as_dict()` as the page renders it. A provider registered twice under one key
stops start-up; nothing is looked up by name.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import User
from .permissions import all_roles

# Due within this many days (or overdue): the item is urgent.
URGENT_DAYS = 2


class Urgency(models.TextChoices):
    URGENT = "urgent", _("紧急")  # overdue, or due within URGENT_DAYS
    NORMAL = "normal", _("一般")


@dataclass(frozen=True)
class TodoItem:
    kind: str  # the provider's key, e.g. "proposals.cosign"
    title: str
    url: str
    due: dt.date | None = None
    urgency: str = Urgency.NORMAL

    def as_dict(self) -> dict:
        data = asdict(self)
        data["due"] = self.due.isoformat() if self.due else None
        return data


def urgency_of(due: dt.date | None, *, today: dt.date | None = None) -> str:
    if due is None:
        return Urgency.NORMAL
    today = today or timezone.localdate()
    return Urgency.URGENT if (due - today).days <= URGENT_DAYS else Urgency.NORMAL


def item(kind: str, title: str, url: str, due: dt.date | dt.datetime | None = None) -> TodoItem:
    """An item whose urgency follows from its due date (a moment counts by its local day)."""
    if isinstance(due, dt.datetime):
        due = timezone.localtime(due).date()
    return TodoItem(kind=kind, title=title, url=url, due=due, urgency=urgency_of(due))


@dataclass(frozen=True)
class TodoProvider:
    key: str
    label: str | Promise  # the heading of its items on the page
    provider: Callable[[User], list[TodoItem]]
    roles: frozenset[str] = field(default_factory=frozenset)
    order: int = 50


_providers: dict[str, TodoProvider] = {}


def register_todo_provider(provider: TodoProvider) -> None:
    known = _providers.get(provider.key)
    if known is not None and known != provider:
        raise ImproperlyConfigured(f"todo provider {provider.key} is registered twice")
    _providers[provider.key] = provider


def registered_providers() -> list[TodoProvider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.key))


def todo_for(user: User) -> list[TodoItem]:
    """Everything the person has to do, urgent first, then by due date (undated last)."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = all_roles(user)
    items: list[TodoItem] = []
    for provider in registered_providers():
        if provider.roles and not provider.roles & roles:
            continue
        items.extend(provider.provider(user))
    far = dt.date.max
    return sorted(items, key=lambda i: (i.urgency != Urgency.URGENT, i.due or far, i.title))


def todo_groups(user: User) -> list[tuple[TodoProvider, list[TodoItem]]]:
    """The page's shape: the items under their provider's heading, in provider order."""
    items = todo_for(user)
    return [
        (provider, mine)
        for provider in registered_providers()
        if (mine := [i for i in items if i.kind == provider.key])
    ]
