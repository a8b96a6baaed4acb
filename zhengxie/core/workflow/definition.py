"""A workflow as data: its states, the transitions between them, who may take each, what each
needs from the person and what it sets off. Apps declare one `Workflow` per state machine in
their `workflow.py`; the engine (`engine.py`), the record pages' buttons, the generic act view,
the diagrams and `manage.py workflows` all read the same declaration."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .engine import Step

Label = str | Promise


@dataclass(frozen=True)
class Who:
    """A permission predicate with a name people read: `test(user, record)`; the user is None
    when a scheduled task acts."""

    code: str
    label: Label
    test: Callable[[Any, models.Model], bool]

    def __call__(self, user, record: models.Model) -> bool:
        return self.test(user, record)


SYSTEM = Who("system", _("系统（定时任务）"), lambda user, record: user is None)


class Reason:
    """Whether a transition asks for a written reason, kept in history and told to people."""

    NONE = ""
    OPTIONAL = "optional"
    REQUIRED = "required"


Effect = Callable[["Step"], None]
REASON_LABEL = _("理由")


@dataclass(frozen=True)
class State:
    code: str
    label: Label
    terminal: bool = False
    # What a record in this state allows besides its transitions ("edit", "sign_in", ...).
    allows: frozenset[str] = frozenset()
    # Run whenever a record enters this state, by a transition or by the office's override, so
    # that an overridden record is whole (a registered proposal always has its 案号). They run
    # before the save and may set fields through `step.touch(...)`.
    on_enter: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class Transition:
    name: str
    label: Label
    sources: frozenset[str]
    target: str
    who: tuple[Who, ...]
    reason: str = Reason.NONE
    reason_label: Label = REASON_LABEL
    # Further fields the person fills in; the engine validates them before anything changes.
    form: type[forms.Form] | None = None
    # Extra keyword arguments the form needs from the record (the committee's units, ...).
    form_kwargs: Callable[[models.Model], dict] | None = None
    # Checks on the locked record that raise WorkflowError or ValidationError.
    guards: tuple[Effect, ...] = ()
    # Before the save: set fields (`step.touch`). After the save, in the same transaction:
    # follow-on records, duty credit, numbering. After commit: messages to people.
    before: tuple[Effect, ...] = ()
    after: tuple[Effect, ...] = ()
    notify: tuple[Effect, ...] = ()
    # Shown as a button on the record page; False for steps other pages or tasks drive.
    button: bool = True
    # The URL name of the app's own page for this step (it takes the record's pk), for steps
    # whose form is more than fields (a reply with attachments, units picked from a tree).
    page: str = ""
    style: str = ""

    def may(self, user, record: models.Model) -> bool:
        return any(who(user, record) for who in self.who)

    def effects(self) -> list[Effect]:
        return [*self.before, *self.after, *self.notify]


OVERRIDE = "override"


@dataclass(frozen=True)
class Workflow:
    name: str
    label: Label
    model: type[models.Model]
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    # Who may move any record to any state with a written reason.
    override_by: Who
    state_field: str = "state"
    # The records the generic act view may look up (e.g. leaves soft-deleted rows out).
    queryset: Callable[[], models.QuerySet] | None = None
    # The record page to return to after a step; defaults to get_absolute_url().
    record_url: Callable[[models.Model], str] | None = None
    description: Label = ""
    _by_name: dict[str, Transition] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        codes = {s.code for s in self.states}
        for t in self.transitions:
            unknown = (set(t.sources) | {t.target}) - codes
            if unknown:
                raise ValueError(f"{self.name}.{t.name}: unknown states {sorted(unknown)}")
            if t.name == OVERRIDE or t.name in self._by_name:
                raise ValueError(f"{self.name}: transition name {t.name!r} is taken")
            self._by_name[t.name] = t

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    def state(self, code: str) -> State:
        return next(s for s in self.states if s.code == code)

    def transition(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise LookupError(f"{self.name} has no transition {name!r}") from None

    def has_transition(self, name: str) -> bool:
        return name in self._by_name

    def state_of(self, record: models.Model) -> str:
        return getattr(record, self.state_field)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def terminal_states(self) -> frozenset[str]:
        return frozenset(s.code for s in self.states if s.terminal)

    def records(self) -> models.QuerySet:
        return self.queryset() if self.queryset else self.model._default_manager.all()

    def url_of(self, record: models.Model) -> str:
        return self.record_url(record) if self.record_url else record.get_absolute_url()


def transition(
    name: str,
    label: Label,
    sources: Iterable[str],
    target: str,
    who: Who | Iterable[Who],
    **options: Any,
) -> Transition:
    """Shorthand for tables: sources as any iterable, one Who or several."""
    whos = (who,) if isinstance(who, Who) else tuple(who)
    return Transition(name, label, frozenset(sources), target, whos, **options)
