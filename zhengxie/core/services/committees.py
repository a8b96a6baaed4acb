"""The committee tree (省 → 市 → 县) kept by the platform's administrators: a new committee
below one they manage, its names, and (the superuser only) its place under another parent.
A committee is never deleted here: every record of the platform points at one, and the
database refuses (PROTECT) to lose them."""

from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Committee, CommitteeLevel, User
from ..permissions import (
    check_manage_committee_permission,
    check_move_committee_permission,
    descendant_ids,
    forget_committee_ids,
)

# The level a committee below one of each level has; a county has none below it.
CHILD_LEVEL = {
    CommitteeLevel.PROVINCIAL: CommitteeLevel.CITY,
    CommitteeLevel.CITY: CommitteeLevel.COUNTY,
}
# Levels a committee without a parent may have: a province, or a city on a platform without
# its province.
TOP_LEVELS = (CommitteeLevel.PROVINCIAL, CommitteeLevel.CITY)


def _level_errors(parent: Committee | None, level: str) -> dict[str, str]:
    if parent is None:
        if level not in TOP_LEVELS:
            return {"level": _("级别：没有上级政协的只能是省级或市级政协。")}
        return {}
    expected = CHILD_LEVEL.get(parent.level)
    if expected is None:
        return {"parent": _("上级政协：县级政协之下不设下级政协。")}
    if level != expected:
        return {
            "level": _("级别：上级政协“%(parent)s”是%(parent_level)s，其下级须为%(level)s。")
            % {
                "parent": parent.name,
                "parent_level": parent.get_level_display(),
                "level": CommitteeLevel(expected).label,
            }
        }
    return {}


def _name_errors(name: str, committee_id: int | None) -> dict[str, str]:
    if not name.strip():
        return {"name": _("名称：不能为空。")}
    if Committee.objects.filter(name=name.strip()).exclude(pk=committee_id).exists():
        return {"name": _("名称：已有名为“%(name)s”的政协。") % {"name": name.strip()}}
    return {}


def _code_errors(code: str) -> dict[str, str]:
    if not code or not slug_re.match(code):
        return {"code": _("代码：只能由英文字母、数字、连字符和下划线组成。")}
    taken = Committee.objects.filter(code=code).first()
    if taken is not None:
        return {"code": _("代码：“%(code)s”已被“%(name)s”使用。") % {"code": code, "name": taken}}
    return {}


def create_committee(
    *,
    actor: User,
    parent: Committee | None,
    code: str,
    name: str,
    level: str,
    short_name: str = "",
    region: str = "",
) -> Committee:
    """A new committee below `parent` (None: one at the top, which only the superuser adds),
    its level the one below the parent's. Locks the parent's row, so two administrators adding
    below it at once are checked one after the other."""
    check_manage_committee_permission(actor, parent)
    with transaction.atomic():
        if parent is not None:
            parent = Committee.objects.select_for_update().get(pk=parent.pk)
        errors = {**_level_errors(parent, level), **_name_errors(name, None), **_code_errors(code)}
        if errors:
            raise ValidationError(errors)
        committee = Committee(
            code=code,
            name=name.strip(),
            short_name=short_name.strip(),
            level=level,
            parent=parent,
            region=region.strip(),
        )
        committee._history_user = actor
        committee._change_reason = _("新建政协")
        committee.save()
    forget_committee_ids(actor)  # the new committee is theirs to manage from now on
    return committee


def rename_committee(
    *, actor: User, committee: Committee, name: str, short_name: str, region: str
) -> bool:
    """The committee's names and region; its code, level and parent stay (pages, imports and
    the roll-up read them). False when nothing changed. Locks the committee's row."""
    check_manage_committee_permission(actor, committee)
    wanted = {"name": name.strip(), "short_name": short_name.strip(), "region": region.strip()}
    with transaction.atomic():
        locked = Committee.objects.select_for_update().get(pk=committee.pk)
        errors = _name_errors(wanted["name"], locked.pk)
        if errors:
            raise ValidationError(errors)
        changed = [f for f, value in wanted.items() if getattr(locked, f) != value]
        if not changed:
            return False
        for f in changed:
            setattr(locked, f, wanted[f])
        locked._history_user = actor
        locked._change_reason = _("修改政协名称")
        locked.save(update_fields=changed)
    for f in changed:
        setattr(committee, f, wanted[f])
    return True


def _move_errors(committee: Committee, parent: Committee | None) -> dict[str, str]:
    """Why `committee` may not go under `parent`: a loop first (itself or one below it), then
    the levels of the tree, as a new committee of its level would be checked."""
    if parent is not None and (
        parent.pk == committee.pk or parent.pk in descendant_ids([committee.pk])
    ):
        return {
            "parent": _("上级政协：“%(parent)s”是“%(name)s”本身或它的下级，不能作为它的上级。")
            % {"parent": parent.name, "name": committee.name}
        }
    if parent == committee.parent:
        return {"parent": _("上级政协：与现在的相同，没有调整。")}
    if not _level_errors(parent, committee.level):
        return {}
    if parent is None:
        return {
            "parent": _("上级政协：%(level)s政协须在市级政协之下，不能没有上级。")
            % {"level": committee.get_level_display()}
        }
    return {
        "parent": _(
            "上级政协：“%(parent)s”是%(parent_level)s，“%(name)s”是%(level)s，不能在它之下。"
        )
        % {
            "parent": parent.name,
            "parent_level": parent.get_level_display(),
            "name": committee.name,
            "level": committee.get_level_display(),
        }
    }


def move_committee(
    *, actor: User, committee: Committee, parent: Committee | None, reason: str
) -> Committee:
    """Places the committee (with the committees below it) under `parent`, or at the top when
    None: a city set up on its own joins its province when the province adopts the platform.
    Its level stays, so the tree's levels decide where it may go. Who reads its records follows
    the tree (the roll-up), so the figures' cache moves on with the save and the actor's kept
    committee ids go. Locks the committee's and the new parent's rows."""
    check_move_committee_permission(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("调整原因：不能为空。")})
    with transaction.atomic():
        # Only the committee's own row: PostgreSQL locks no row on the nullable side of the
        # parent's join.
        locked = (
            Committee.objects.select_for_update(of=("self",))
            .select_related("parent")
            .get(pk=committee.pk)
        )
        if parent is not None:
            parent = Committee.objects.select_for_update().get(pk=parent.pk)
        errors = _move_errors(locked, parent)
        if errors:
            raise ValidationError(errors)
        locked.parent = parent
        locked._history_user = actor
        locked._change_reason = (_("调整上级政协：%(reason)s") % {"reason": reason})[:100]
        locked.save(update_fields=["parent"])
    forget_committee_ids(actor)
    committee.parent = parent
    return committee
