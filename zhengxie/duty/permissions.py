"""Who may read and change duty records: members read their own, office staff run their
committee's rules and records, staff and leaders read standings (a city's with its counties)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, Member, Role, User
from zhengxie.core.permissions import active_seat, check_office, committee_ids_with_role, is_office

READER_ROLES = (Role.STAFF, Role.ADMIN, Role.LEADER)


def standings_committee_ids(user: User) -> set[int]:
    """Committees whose members' standings the person may read."""
    return committee_ids_with_role(user, *READER_ROLES, rollup=True)


def can_read_standings(user: User, committee: Committee | int) -> bool:
    committee_id = committee if isinstance(committee, int) else committee.pk
    return committee_id in standings_committee_ids(user)


def can_read_member_file(user: User, member: Member) -> bool:
    own = member.user_id is not None and member.user_id == getattr(user, "pk", None)
    return own or can_read_standings(user, member.committee_id)


def check_read_member_file_permission(user: User, member: Member) -> None:
    if not can_read_member_file(user, member):
        raise PermissionDenied(_("只能查看本人或本级政协委员的履职档案。"))


def check_own_duty_permission(user: User) -> Member:
    """The person's active member seat, whose 我的履职 they read; refused to anyone else
    (staff, units, residents and departed members have no duty year of their own)."""
    member = active_seat(user)
    if member is None:
        raise PermissionDenied(_("“我的履职”只对政协委员开放。"))
    return member


def can_manage_duty(user: User, committee: Committee | int) -> bool:
    return is_office(user, committee)


def check_manage_duty_permission(user: User, committee: Committee | int) -> None:
    """Rules, recognitions, warnings and publication: the committee's own office only."""
    check_office(user, committee)
