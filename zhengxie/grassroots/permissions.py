"""Who may do what with venues, cases, sessions and actions.

A venue is run by its convenor and its committee's office staff; the reporter's contact
details are theirs alone. Residents see their own cases; everyone sees the public page.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import User, Venue
from zhengxie.core.permissions import (
    active_seat,
    is_office,
    readable_committee_ids,
    unit_ids_of,
)
from zhengxie.core.workflow import Who

from .models import Action, Case


def can_manage_venue(user: User, venue: Venue | None) -> bool:
    if venue is None or not getattr(user, "is_authenticated", False):
        return False
    return venue.convenor_id == user.pk or is_office(user, venue.committee_id)


def check_manage_venue_permission(user: User, venue: Venue | None) -> None:
    if not can_manage_venue(user, venue):
        raise PermissionDenied(_("只有该场所的召集人和本级政协机关工作人员可以操作。"))


def can_triage_case(user: User, case: Case) -> bool:
    """Before triage a case belongs to its town: the convenor of a venue there, or staff."""
    if is_office(user, case.committee_id):
        return True
    if case.venue_id:
        return case.venue.convenor_id == user.pk
    return Venue.objects.filter(town_id=case.town_id, convenor_id=user.pk).exists()


def check_triage_case_permission(user: User, case: Case) -> None:
    if not getattr(user, "is_authenticated", False) or not can_triage_case(user, case):
        raise PermissionDenied(_("只有该乡镇街道协商场所的召集人和机关工作人员可以受理。"))


def can_see_reporter_contact(user: User, case: Case) -> bool:
    """The reporter's name and phone: the venue's convenor and the committee's staff only;
    before triage, the convenors of the town's venues, who must reach the reporter."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_office(user, case.committee_id):
        return True
    if case.venue_id is not None:
        return case.venue.convenor_id == user.pk
    return Venue.objects.filter(town_id=case.town_id, convenor_id=user.pk).exists()


def can_read_case(user: User, case: Case) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if case.reporter_id == user.pk or can_triage_case(user, case):
        return True
    return case.committee_id in readable_committee_ids(user)


def check_read_case_permission(user: User, case: Case) -> None:
    if not can_read_case(user, case):
        raise PermissionDenied(_("您无权查看该问题的办理详情。"))


def can_rate_case(user: User, case: Case) -> bool:
    """The reporter rates; for a case without a resident reporter, the convenor records the
    residents' representatives' rating."""
    if not getattr(user, "is_authenticated", False):
        return False
    return case.reporter_id == user.pk or can_manage_venue(user, case.venue)


def check_rate_case_permission(user: User, case: Case) -> None:
    if not can_rate_case(user, case):
        raise PermissionDenied(_("只有反映人或群众代表可以评价。"))


def can_update_action(user: User, action: Action) -> bool:
    """The responsible handling unit's account, the venue's convenor, or staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    if action.responsible_unit_id and action.responsible_unit_id in unit_ids_of(user):
        return True
    return can_manage_venue(user, action.case.venue)


def check_update_action_permission(user: User, action: Action) -> None:
    if not can_update_action(user, action):
        raise PermissionDenied(_("只有责任单位、召集人和机关工作人员可以更新落实进展。"))


def _signed_in(user) -> bool:
    return getattr(user, "is_authenticated", False)


# Who takes which step of the case and agreed-action workflows (workflow.py).
TRIAGER = Who(
    "triager",
    gettext_lazy("本乡镇街道协商场所召集人或机关"),
    lambda user, case: _signed_in(user) and can_triage_case(user, case),
)
VENUE_MANAGER = Who(
    "venue",
    gettext_lazy("场所召集人或机关"),
    lambda user, case: can_manage_venue(user, case.venue),
)
RATER = Who(
    "rater",
    gettext_lazy("反映人，或代录群众代表评价的召集人"),
    lambda user, case: can_rate_case(user, case),
)
ACTION_UPDATER = Who(
    "responsible",
    gettext_lazy("责任单位、场所召集人或机关"),
    lambda user, action: can_update_action(user, action),
)


def check_record_contact_permission(user: User) -> None:
    if active_seat(user) is None:
        raise PermissionDenied(_("只有在任委员可以登记联系群众记录。"))


def check_report_permission(user: User) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("请先登录后再反映问题。"))


def filter_visible_cases(user: User, queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Internal lists: the committee's records for its people, plus the person's own venues'
    and own reports."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    own = Q(reporter=user) | Q(venue__convenor=user) | Q(town__venues__convenor=user)
    return queryset.filter(Q(committee_id__in=readable_committee_ids(user)) | own).distinct()


def is_internal(user: User) -> bool:
    """Anyone with a committee role other than resident."""
    return bool(readable_committee_ids(user))
