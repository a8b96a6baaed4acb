"""The kinds of record a leader may instruct on, registered by the apps that own them.

Each app says, for its kind: who may write an instruction on a record (a leader of the
record's committee, the supervising leader of a key proposal), the record's title and page,
and what an instruction sets off there (the authors' duty credit for an opinion report or an
outcome). A kind that is asked for and was never registered fails loudly."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise


def _nothing(instruction: Any) -> None:
    return None


@dataclass(frozen=True)
class Target:
    kind: str  # the URL's and the row's name for the kind: "opinion_report"
    label: str | Promise
    queryset: Callable[[], models.QuerySet]
    # Whether the person may write an instruction on this record as a leader.
    may_instruct: Callable[[Any, models.Model], bool]
    # Whether the person may read the record (the office transcribes only what it reads).
    may_read: Callable[[Any, models.Model], bool]
    title: Callable[[models.Model], str]
    url: Callable[[models.Model], str]
    # Runs in the writing transaction: duty credit and the like. Takes the saved instruction.
    on_written: Callable[[Any], None] = field(default=_nothing)


_TARGETS: dict[str, Target] = {}


def register_target(target: Target) -> None:
    if target.kind in _TARGETS and _TARGETS[target.kind] != target:
        raise ValueError(f"instruction target {target.kind!r} is registered twice")
    _TARGETS[target.kind] = target


def target_named(kind: str) -> Target:
    try:
        return _TARGETS[kind]
    except KeyError:
        raise LookupError(f"no instruction target {kind!r} is registered") from None


def all_targets() -> list[Target]:
    return list(_TARGETS.values())
