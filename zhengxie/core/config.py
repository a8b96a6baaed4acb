"""The rules committees set for themselves, behind one cached reader.

Each app registers its defaults with the rule's source at import time (in its apps.ready);
a CommitteeSetting row overrides a default for one committee.
"""

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from .models import Committee, CommitteeSetting

CACHE_SECONDS = 300


@dataclass(frozen=True)
class SettingDefault:
    key: str
    value: Any
    label: str
    source: str


_defaults: dict[str, SettingDefault] = {}


def register_default(key: str, value: Any, *, label: str, source: str) -> None:
    _defaults[key] = SettingDefault(key=key, value=value, label=label, source=source)


def registered_defaults() -> dict[str, SettingDefault]:
    return dict(_defaults)


def _cache_key(committee_id: int) -> str:
    return f"committee-settings:{committee_id}"


def get_setting(committee: Committee | int, key: str) -> Any:
    committee_id = committee if isinstance(committee, int) else committee.pk
    overrides = cache.get(_cache_key(committee_id))
    if overrides is None:
        overrides = dict(
            CommitteeSetting.objects.filter(committee_id=committee_id).values_list("key", "value")
        )
        cache.set(_cache_key(committee_id), overrides, CACHE_SECONDS)
    if key in overrides:
        return overrides[key]
    return _defaults[key].value


def set_setting(*, committee: Committee, key: str, value: Any) -> CommitteeSetting:
    if key not in _defaults:
        raise KeyError(key)
    setting, _created = CommitteeSetting.objects.update_or_create(
        committee=committee, key=key, defaults={"value": value}
    )
    cache.delete(_cache_key(committee.pk))
    return setting
