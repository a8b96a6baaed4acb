"""Who may read and change duty records: members read their own, office staff run their
committee's rules and records, staff and leaders read standings (a city's with its counties)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Committee, Member, Role, User
from zhengxie.core.permissions import (
    active_seat,
    check_office,
    committee_ids_with_role,
    is_office,
    office_committee_ids,
)
from zhengxie.core.workflow import Who

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


# Practical deeds (兴办实事): the member records; the venue's convenor or the committee's
# office confirms, never the member who did it; staff and leaders read them with the standings.
def _signed_in(user) -> bool:
    return getattr(user, "is_authenticated", False)


def is_deed_owner(user: User, deed) -> bool:
    return _signed_in(user) and deed.member.user_id == user.pk


def can_record_deed(user: User) -> bool:
    return active_seat(user) is not None


def check_record_deed_permission(user: User) -> Member:
    """The person's active member seat; only a sitting member records a deed."""
    member = active_seat(user)
    if member is None:
        raise PermissionDenied(_("只有在任的政协委员可以记录兴办实事。"))
    return member


def can_confirm_deed(user: User, deed) -> bool:
    if not _signed_in(user) or deed.member.user_id == user.pk:
        return False
    convenor = deed.venue_id is not None and deed.venue.convenor_id == user.pk
    return convenor or is_office(user, deed.committee_id)


def can_read_deed(user: User, deed) -> bool:
    if not _signed_in(user):
        return False
    return (
        is_deed_owner(user, deed)
        or can_confirm_deed(user, deed)
        or can_read_standings(user, deed.committee_id)
    )


def check_read_deed_permission(user: User, deed) -> None:
    if not can_read_deed(user, deed):
        raise PermissionDenied(_("只能查看本人记录的或由您确认的兴办实事。"))


def confirmable_deeds_filter(user: User) -> Q:
    """The deeds the person may confirm: at the venues they convene, or anywhere in the
    committees whose office they are; never their own."""
    if not _signed_in(user):
        return Q(pk__in=[])
    where = Q(venue__convenor_id=user.pk) | Q(committee_id__in=office_committee_ids(user))
    return where & ~Q(member__user_id=user.pk)


DEED_OWNER = Who(
    "deed_owner", gettext_lazy("记录实事的委员本人"), lambda user, deed: is_deed_owner(user, deed)
)
DEED_CONFIRMER = Who(
    "deed_confirmer",
    gettext_lazy("场所召集人或本级政协机关（非本人）"),
    lambda user, deed: can_confirm_deed(user, deed),
)


def can_open_deed_queue(user: User) -> bool:
    """A venue's convenor or a committee's office: the people the queue is for."""
    if not _signed_in(user):
        return False
    return bool(office_committee_ids(user)) or user.convened_venues.exists()


def check_open_deed_queue_permission(user: User) -> None:
    if not can_open_deed_queue(user):
        raise PermissionDenied(_("只有协商场所召集人和政协机关工作人员可以确认兴办实事。"))


# 委员风采: the member alone publishes their page; their committee's office may feature it.
def check_feature_showcase_permission(user: User, member: Member) -> None:
    check_office(user, member.committee_id)
