"""Who may do what, in which committee: the one place services and templates ask.

check_* raise PermissionDenied (a Chinese 403 page), can_* answer True/False, filter_visible_*
narrow a queryset to what the person may read.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .models import Committee, CommitteeLevel, Role, RoleGrant, User

# Roles of a city committee that also read its county committees' records (the roll-up).
ROLLUP_ROLES = frozenset({Role.LEADER, Role.STAFF, Role.ADMIN})


def grants_of(user: User) -> list[RoleGrant]:
    """The person's role grants, read once per request and kept on the user object.

    A member grant counts only while the person's seat is active: departure (离任) ends the
    role, and a member grant handed out again by mistake stays dead. Every role predicate
    below reads grants from here, so none can forget the seat."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not hasattr(user, "_zx_grants"):
        user._zx_grants = list(
            RoleGrant.objects.filter(user=user)
            .exclude(role=Role.MEMBER, user__member__is_active=False)
            .select_related("committee", "handling_unit")
        )
    return user._zx_grants


def active_seat(user: User):
    """The person's member seat while it is active; None for a departed member (离任) and
    for anyone without a seat. Code that asks "is this person a member" asks here or through
    grants_of, never user.member directly."""
    member = getattr(user, "member", None) if getattr(user, "is_authenticated", False) else None
    return member if member is not None and member.is_active else None


def has_departed(user: User) -> bool:
    """A member whose seat has ended: what they wrote stays theirs, but they act no more."""
    member = getattr(user, "member", None) if getattr(user, "is_authenticated", False) else None
    return member is not None and not member.is_active


def _children_by_parent() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for committee_id, parent_id in Committee.objects.values_list("id", "parent_id"):
        if parent_id:
            tree.setdefault(parent_id, []).append(committee_id)
    return tree


def descendant_ids(committee_ids: Iterable[int]) -> set[int]:
    """Every committee below the given ones at any depth: a province's cities and their
    counties, a city's counties. One query for the whole tree."""
    return _below(_children_by_parent(), committee_ids)


def _below(tree: dict[int, list[int]], committee_ids: Iterable[int]) -> set[int]:
    found: set[int] = set()
    frontier = list(committee_ids)
    while frontier:
        for child in tree.get(frontier.pop(), []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def committee_ids_with_role(user: User, *roles: str, rollup: bool = False) -> set[int]:
    """Committees where the person holds one of the roles; with rollup, a grant of a roll-up
    role above the county level adds every committee below it (a province reads all, a city
    itself and its counties, a county itself)."""
    # Kept on the user object beside its grants, with the committee tree: a page asks the
    # same question several times (its check, the register's visibility, the navigation).
    if not getattr(user, "is_authenticated", False):
        return set()
    if not hasattr(user, "_zx_committee_ids"):
        user._zx_committee_ids = {}
    known = user._zx_committee_ids
    key = (frozenset(roles), rollup)
    if key not in known:
        known[key] = frozenset(_committee_ids_with_role(user, roles, rollup))
    return set(known[key])


def forget_committee_ids(user: User) -> None:
    """After the tree changes under a person (a committee added or moved), their kept answers
    go. Asked through hasattr, as they were kept: request.user is a lazy wrapper whose own
    __dict__ never holds what is set on the person behind it."""
    for kept in ("_zx_committee_ids", "_zx_tree"):
        if hasattr(user, kept):
            delattr(user, kept)


def _committee_ids_with_role(user: User, roles: tuple[str, ...], rollup: bool) -> set[int]:
    if getattr(user, "is_superuser", False):
        return set(Committee.objects.values_list("id", flat=True))
    grants = [g for g in grants_of(user) if g.role in roles]
    ids = {g.committee_id for g in grants}
    if rollup:
        # A county has nothing below it: its people pay no query for the tree.
        above = [
            g.committee_id
            for g in grants
            if g.role in ROLLUP_ROLES and g.committee.level != CommitteeLevel.COUNTY
        ]
        if above:
            if not hasattr(user, "_zx_tree"):
                user._zx_tree = _children_by_parent()
            ids |= _below(user._zx_tree, above)
    return ids


def has_role(user: User, committee: Committee | int, *roles: str, rollup: bool = False) -> bool:
    committee_id = committee if isinstance(committee, int) else committee.pk
    return committee_id in committee_ids_with_role(user, *roles, rollup=rollup)


def check_role(
    user: User, committee: Committee | int, *roles: str, rollup: bool = False, action: str = ""
) -> None:
    if not has_role(user, committee, *roles, rollup=rollup):
        raise PermissionDenied(action or _("您没有权限进行此操作。"))


def all_roles(user: User) -> set[str]:
    roles = {g.role for g in grants_of(user)}
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMIN)
    return roles


def unit_ids_of(user: User) -> set[int]:
    """The handling units the person answers for."""
    return {g.handling_unit_id for g in grants_of(user) if g.role == Role.UNIT}


def is_office(user: User, committee: Committee | int) -> bool:
    """Office staff or an administrator of the committee: the people who run its records."""
    return has_role(user, committee, Role.STAFF, Role.ADMIN)


def check_office(user: User, committee: Committee | int) -> None:
    check_role(
        user, committee, Role.STAFF, Role.ADMIN, action=_("只有本级政协机关工作人员可以操作。")
    )


def readable_committee_ids(user: User) -> set[int]:
    """Committees whose internal records the person may read: own committees for every
    committee role, plus the counties for a city's roll-up roles."""
    internal = [r for r in Role.values if r != Role.RESIDENT]
    return committee_ids_with_role(user, *internal, rollup=True)


def office_committee_ids(user: User) -> set[int]:
    return committee_ids_with_role(user, Role.STAFF, Role.ADMIN)


def filter_by_committees(queryset: QuerySet, committee_ids: Iterable[int]) -> QuerySet:
    return queryset.filter(committee_id__in=list(committee_ids))


def can_manage_people(user: User, committee: Committee | int) -> bool:
    return is_office(user, committee)


def check_manage_people_permission(user: User, committee: Committee | int) -> None:
    check_office(user, committee)


def can_see_mobile(user: User, committee: Committee | int) -> bool:
    """Members' phone numbers are never public; staff of the member's committee see them."""
    return is_office(user, committee)


def check_read_member_permission(user: User, member) -> None:
    """The roster and a member's file: office staff and leaders (city leaders: roll-up)."""
    allowed = committee_ids_with_role(user, Role.STAFF, Role.ADMIN, Role.LEADER, rollup=True)
    if member.committee_id not in allowed:
        raise PermissionDenied(_("您无权查看该委员的资料。"))


def roster_committee_ids(user: User) -> set[int]:
    """Committees whose roster the person may list."""
    return committee_ids_with_role(user, Role.STAFF, Role.ADMIN, Role.LEADER, rollup=True)


def grantable_roles(user: User, committee: Committee | int) -> list[str]:
    """Staff hand out every role of their committee but the administrator's; only an
    administrator makes administrators."""
    if has_role(user, committee, Role.ADMIN) or getattr(user, "is_superuser", False):
        return list(Role.values)
    if has_role(user, committee, Role.STAFF):
        return [role for role in Role.values if role != Role.ADMIN]
    return []


def check_grant_role_permission(user: User, committee: Committee | int, role: str) -> None:
    if role not in grantable_roles(user, committee):
        raise PermissionDenied(_("您无权在该政协授予此角色。"))


def committee_admin_ids(user: User) -> set[int]:
    """Committees whose place in the tree (names, the committees below) the person manages:
    an administrator's own committee and every one below it; the platform's superuser all."""
    return committee_ids_with_role(user, Role.ADMIN, rollup=True)


def can_manage_committees(user: User) -> bool:
    # An administrator's grant is enough: it reaches at least its own committee.
    if getattr(user, "is_superuser", False):
        return True
    return any(grant.role == Role.ADMIN for grant in grants_of(user))


def check_manage_committees_permission(user: User) -> None:
    """The committees page: the platform's superuser and the committees' administrators."""
    if not can_manage_committees(user):
        raise PermissionDenied(_("只有系统管理员可以管理政协。"))


def check_manage_committee_permission(user: User, committee: Committee | None) -> None:
    """Editing a committee, or adding one below it. `None` asks about a committee with no
    parent (a new province or a stand-alone city): only the platform's superuser adds one."""
    if committee is None:
        allowed = getattr(user, "is_superuser", False)
    else:
        allowed = committee.pk in committee_admin_ids(user)
    if not allowed:
        raise PermissionDenied(_("只有系统管理员可以管理政协。"))


def can_move_committee(user: User) -> bool:
    """Placing a committee under another parent (or none) changes who reads its records: the
    old parent's office and leaders lose its roll-up, the new parent's gain it. No committee's
    administrator answers for both sides, and a committee at the top is the superuser's to
    add, so only the platform's superuser moves one."""
    return getattr(user, "is_superuser", False)


def check_move_committee_permission(user: User) -> None:
    if not can_move_committee(user):
        raise PermissionDenied(_("只有平台的系统管理员可以调整政协的上级政协。"))


def session_office_ids(user: User) -> set[int]:
    """Committees whose terms and plenaries (届次与会议) the person keeps: its own office
    staff and administrators, and the administrators of the committees above it."""
    return office_committee_ids(user) | committee_admin_ids(user)


def check_manage_sessions_permission(user: User, committee: Committee | int) -> None:
    committee_id = committee if isinstance(committee, int) else committee.pk
    if committee_id not in session_office_ids(user):
        raise PermissionDenied(_("只有本级政协机关工作人员可以管理届次与会议。"))
