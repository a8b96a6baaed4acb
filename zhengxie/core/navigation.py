"""The navigation bar: each app lists its entries in its own navigation.py as NAV_ITEMS, and
the bar shows a person the entries their roles allow, one menu per app."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.apps import apps
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Role
from .permissions import can_manage_committees


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # Empty: everyone, guests included. Otherwise the roles that see the entry.
    roles: frozenset[str] = field(default_factory=frozenset)
    order: int = 50
    # For an entry whose reach depends on more than a role held somewhere (a county's staff
    # are staff, yet the city's forum is not theirs to moderate): the permission predicate its
    # page checks, so the bar never offers a page that answers 403. It is asked only of those
    # holding one of the roles, so other people's pages pay no query for it.
    shown_to: Callable[[object], bool] | None = None
    # For a core page about one app (its workflow guide): the URL's arguments, and the app
    # whose menu it sits under.
    args: tuple = ()
    menu: str = ""


NAV_ITEMS = [
    NavItem(
        _("委员名册"), "core:member_list", frozenset({Role.STAFF, Role.ADMIN, Role.LEADER}), 80
    ),
    NavItem(_("基础数据"), "core:directory", frozenset({Role.STAFF, Role.ADMIN}), 90),
    NavItem(_("账号管理"), "core:account_list", frozenset({Role.STAFF, Role.ADMIN}), 95),
    NavItem(_("开通委员账号"), "core:account_issue", frozenset({Role.STAFF, Role.ADMIN}), 96),
    NavItem(_("群发通知"), "core:bulk_notice_list", frozenset({Role.STAFF, Role.ADMIN}), 97),
    NavItem(
        _("必须接收的通知渠道"), "core:notification_rules", frozenset({Role.STAFF, Role.ADMIN}), 98
    ),
    NavItem(_("规则设置"), "core:rule_list", frozenset({Role.STAFF, Role.ADMIN}), 99),
    NavItem(_("届次与会议"), "core:session_list", frozenset({Role.STAFF, Role.ADMIN}), 100),
    NavItem(
        _("政协管理"),
        "core:committee_list",
        frozenset({Role.ADMIN}),
        101,
        shown_to=can_manage_committees,
    ),
]


# The menu each app's entries sit under, in the order of the bar.
APP_MENUS = {
    "insights": _("统计"),
    "proposals": _("提案"),
    "activities": _("协商活动"),
    "opinions": _("社情民意"),
    "grassroots": _("一线协商"),
    "duty": _("委员履职"),
    "portal": _("门户"),
    "core": _("管理"),
}


@cache
def _all_items() -> tuple[NavItem, ...]:
    """Read once per process: the apps and their NAV_ITEMS are fixed at start-up."""
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("zhengxie."):
            continue
        try:
            module = import_module(f"{config.name}.navigation")
        except ModuleNotFoundError:
            continue
        items.extend(getattr(module, "NAV_ITEMS", []))
    return tuple(sorted(items, key=lambda item: item.order))


# An entry's address per URL configuration and script prefix: the bar is on every page, and
# reversing its thirty-odd entries each time cost about half a millisecond.
_urls: dict[tuple, str | None] = {}


def _url(item: NavItem) -> str | None:
    key = (get_script_prefix(), get_urlconf(), item.url_name, item.args)
    if key not in _urls:
        try:
            _urls[key] = reverse(item.url_name, args=item.args)
        except NoReverseMatch:
            _urls[key] = None
    return _urls[key]


def _visible(user, roles: set[str]) -> list[tuple[NavItem, str]]:
    visible = []
    for item in _all_items():
        if item.roles and not (item.roles & roles):
            continue
        if item.shown_to is not None and not item.shown_to(user):
            continue
        url = _url(item)
        if url is not None:
            visible.append((item, url))
    return visible


def menus_for(user, roles: set[str]) -> list[dict]:
    """The visible entries grouped per app: [{"label", "items": [{"label", "url"}]}]; the bar
    shows a menu with a single entry as a plain link."""
    menus: dict[str, list[dict]] = {}
    for item, url in _visible(user, roles):
        menu = item.menu or item.url_name.split(":")[0]
        menus.setdefault(menu, []).append({"label": item.label, "url": url})
    return [
        {"label": label, "items": menus[app]} for app, label in APP_MENUS.items() if app in menus
    ]
