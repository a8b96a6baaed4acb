"""Every rule a committee may set, declared once, and the one cached reader.

Each app lists its rules in its own `rules.py` (`RULES = [Rule(...), ...]`) and its
AppConfig.ready hands that list to `register`; nothing is discovered by name. A rule's value
for a committee is the committee's own CommitteeSetting row if it has one, else the declared
default. Rules are not inherited from a parent committee: a county keeps the declared default
until its own office sets the rule, as the reader always did.
"""

import copy
import logging
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from ..models import Committee, CommitteeSetting
from .kinds import Invalid, Kind

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300


@dataclass(frozen=True)
class Rule:
    """One configurable rule: its key, the label people read, the shape its value must take,
    the default and the document the default comes from."""

    key: str
    label: str | Promise
    kind: Kind
    default: Any
    source: str

    def clean(self, value: Any) -> Any:
        """The value normalised, or a ValidationError naming the rule."""
        try:
            return self.kind.clean(value)
        except Invalid as error:
            raise ValidationError(
                _("规则“%(rule)s”：%(problem)s") % {"rule": self.label, "problem": error},
                code="invalid_rule",
            ) from None


_declared: dict[str, Rule] = {}


def register(rules: list[Rule]) -> None:
    """Declare an app's rules; a default that does not fit its own kind, or a key declared
    twice with different content, stops the start-up."""
    for declared in rules:
        existing = _declared.get(declared.key)
        if existing is not None and existing != declared:
            raise ImproperlyConfigured(f"rule {declared.key} is declared twice")
        try:
            declared.kind.clean(declared.default)
        except Invalid as error:
            raise ImproperlyConfigured(f"rule {declared.key}: default {error}") from None
        _declared[declared.key] = declared


def declaration(key: str) -> Rule:
    try:
        return _declared[key]
    except KeyError:
        raise ImproperlyConfigured(f"no rule {key} is declared") from None


def declarations() -> list[Rule]:
    return sorted(_declared.values(), key=lambda r: r.key)


def _cache_key(committee_id: int) -> str:
    return f"committee-rules:{committee_id}"


def _overrides(committee_id: int) -> dict[str, Any]:
    """The committee's own values, read once per cache period. A stored value that no longer
    fits its declaration (the declaration changed since) is skipped and logged, so readers
    get the default rather than a value of the wrong shape."""
    found = cache.get(_cache_key(committee_id))
    if found is None:
        found = {}
        rows = CommitteeSetting.objects.filter(committee_id=committee_id)
        for key, value in rows.values_list("key", "value"):
            if key not in _declared:
                continue
            try:
                found[key] = _declared[key].kind.clean(value)
            except Invalid as error:
                logger.warning("rule %s of committee %s ignored: %s", key, committee_id, error)
        cache.set(_cache_key(committee_id), found, CACHE_SECONDS)
    return found


def rule(committee: Committee | int, key: str) -> Any:
    """The committee's value of a declared rule (a copy: callers may change it freely)."""
    declared = declaration(key)
    committee_id = committee if isinstance(committee, int) else committee.pk
    overrides = _overrides(committee_id)
    return copy.deepcopy(overrides.get(key, declared.default))


def forget_committee_rules(committee_id: int) -> None:
    """Drop the cached values now and again once the change commits, so no reader caches
    the old value between the two."""
    cache.delete(_cache_key(committee_id))
    transaction.on_commit(lambda: cache.delete(_cache_key(committee_id)))
