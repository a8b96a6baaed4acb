"""Changing a committee's rule: the value is checked against the rule's declaration, the
change keeps its history (who and why), and every reader sees it at once."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Committee, CommitteeSetting, User
from ..permissions import check_office
from ..rules import declaration, forget_committee_rules


def set_rule(
    *, actor: User | None, committee: Committee, key: str, value: Any, reason: str = ""
) -> CommitteeSetting:
    """Set one rule for the committee; the office's own staff only (actor None: the system,
    e.g. a data load). A value that does not fit the declaration raises ValidationError naming
    the rule and changes nothing. Locks the committee's row for the key."""
    declared = declaration(key)
    if actor is not None:
        check_office(actor, committee)
    stored = declared.kind.store(declared.clean(value))
    with transaction.atomic():
        setting = (
            CommitteeSetting.objects.select_for_update()
            .filter(committee=committee, key=key)
            .first()
        ) or CommitteeSetting(committee=committee, key=key)
        if setting.pk is not None and setting.value == stored:
            return setting
        setting.value = stored
        setting._history_user = actor
        setting._change_reason = (reason or _("修改规则：%(rule)s") % {"rule": declared.label})[
            :100
        ]
        setting.save()
        forget_committee_rules(committee.pk)
    return setting


def restore_rule_default(*, actor: User, committee: Committee, key: str) -> bool:
    """The committee reads the declared default again: its own value is deleted, the deletion
    kept in the history with who did it. False when it had no value of its own. Locks the
    committee's row for the key."""
    declared = declaration(key)
    check_office(actor, committee)
    with transaction.atomic():
        setting = (
            CommitteeSetting.objects.select_for_update()
            .filter(committee=committee, key=key)
            .first()
        )
        if setting is None:
            return False
        setting._history_user = actor
        setting._change_reason = (_("恢复默认：%(rule)s") % {"rule": declared.label})[:100]
        setting.delete()
        forget_committee_rules(committee.pk)
    return True
