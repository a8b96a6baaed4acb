"""What the office's rule pages show: every declared rule with the committee's value, whether
that value is the committee's own or the declared default, and one rule's history."""

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.rule_values import value_text
from ..history import FieldChange, HistoryEntry, history_of_versions
from ..models import Committee, CommitteeSetting, User
from ..permissions import check_office
from .registry import Rule, declarations, rule

# Rules an app edits on its own page, beside what they belong to (key prefix -> URL name).
OWN_PAGES = {
    "duty.": "duty:rules",
    "core.notifications.": "core:notification_rules",
}


def own_page(key: str) -> str:
    """The URL of the page the rule is set on when it is not the general one, else ""."""
    for prefix, url_name in OWN_PAGES.items():
        if key.startswith(prefix):
            return reverse(url_name)
    return ""


@dataclass(frozen=True)
class RuleRow:
    rule: Rule
    value: Any
    own: bool  # the committee's own value, not the declared default
    page: str  # the rule's own page, "" when the general page edits it

    @property
    def text(self) -> str:
        return value_text(self.rule.kind, self.value)


@dataclass(frozen=True)
class RuleGroup:
    label: str
    rows: list[RuleRow]


def _app_label(prefix: str) -> str:
    try:
        return str(apps.get_app_config(prefix).verbose_name)
    except LookupError:
        return prefix


def list_rules(*, user: User, committee: Committee) -> list[RuleGroup]:
    """Every declared rule grouped by the app that declares it; two queries at any size."""
    check_office(user, committee)
    own = set(CommitteeSetting.objects.filter(committee=committee).values_list("key", flat=True))
    groups: dict[str, list[RuleRow]] = {}
    for declared in declarations():
        row = RuleRow(
            declared, rule(committee, declared.key), declared.key in own, own_page(declared.key)
        )
        groups.setdefault(declared.key.split(".")[0], []).append(row)
    return [RuleGroup(_app_label(prefix), rows) for prefix, rows in groups.items()]


def get_rule_row(*, user: User, committee: Committee, declared: Rule) -> RuleRow:
    check_office(user, committee)
    own = CommitteeSetting.objects.filter(committee=committee, key=declared.key).exists()
    return RuleRow(declared, rule(committee, declared.key), own, own_page(declared.key))


def _readable(declared: Rule, stored: Any) -> str:
    try:
        return value_text(declared.kind, declared.clean(stored))
    except ValidationError:
        return str(stored)  # a value stored before its declaration changed


def rule_history(*, user: User, committee: Committee, declared: Rule) -> list[HistoryEntry]:
    """The committee's changes of the rule, newest first, across restoring the default: a
    value set anew reads as a change from the default."""
    check_office(user, committee)
    versions = list(
        CommitteeSetting.history.filter(committee=committee, key=declared.key)
        .select_related("history_user")
        .order_by("-history_id")[:200]
    )
    entries = history_of_versions(
        CommitteeSetting, versions, show={"value": lambda v: _readable(declared, v)}
    )
    label = str(CommitteeSetting._meta.get_field("value").verbose_name)
    default = _("%(value)s（默认）") % {"value": value_text(declared.kind, declared.default)}
    return [
        dataclasses.replace(
            entry, changes=[FieldChange(label, default, _readable(declared, version.value))]
        )
        if version.history_type == "+"
        else entry
        for entry, version in zip(entries, versions, strict=True)
    ]
