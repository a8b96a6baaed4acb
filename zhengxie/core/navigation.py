"""The navigation bar: each app lists its entries in its own navigation.py as NAV_ITEMS, and
the bar shows a person the entries their roles allow."""

from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # Empty: everyone, guests included. Otherwise the roles that see the entry.
    roles: frozenset[str] = field(default_factory=frozenset)
    order: int = 50


NAV_ITEMS = [
    NavItem(
        _("委员名册"), "core:member_list", frozenset({Role.STAFF, Role.ADMIN, Role.LEADER}), 80
    ),
    NavItem(_("基础数据"), "core:directory", frozenset({Role.STAFF, Role.ADMIN}), 90),
    NavItem(_("账号管理"), "core:account_list", frozenset({Role.STAFF, Role.ADMIN}), 95),
]


def _all_items() -> list[NavItem]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("zhengxie."):
            continue
        try:
            module = import_module(f"{config.name}.navigation")
        except ModuleNotFoundError:
            continue
        items.extend(getattr(module, "NAV_ITEMS", []))
    return sorted(items, key=lambda item: item.order)


def items_for(roles: set[str]) -> list[dict]:
    visible = []
    for item in _all_items():
        if item.roles and not (item.roles & roles):
            continue
        try:
            visible.append({"label": item.label, "url": reverse(item.url_name)})
        except NoReverseMatch:
            continue
    return visible
