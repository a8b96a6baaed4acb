"""Who may do what with opinion reports.

Authors see and work on their own reports; the information office of the report's committee
edits and decides; leaders (and a city's office, over its counties) read submitted reports; a
department reads what was forwarded to it. Drafts stay with their authors.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Committee, Role, User
from zhengxie.core.permissions import (
    active_seat,
    check_office,
    committee_ids_with_role,
    is_office,
    unit_ids_of,
)
from zhengxie.core.workflow import Who, workflow_of

from .models import OpinionReport, OpinionState

# What a state of the workflow allows besides its steps: who reworks the text (编辑加工 is the
# office's while the report is in its hands).
AUTHOR_EDITS = "author_edits"
OFFICE_EDITS = "office_edits"


def is_author(user: User, report: OpinionReport) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if report.created_by_id == user.pk:
        return True
    member = active_seat(user)
    return member is not None and report.members.filter(pk=member.pk).exists()


AUTHOR = Who(
    "author", gettext_lazy("作者（反映委员或填报人）"), lambda user, report: is_author(user, report)
)


def reader_committee_ids(user: User) -> set[int]:
    """Committees whose submitted reports the person reads: office and leaders, with roll-up."""
    return committee_ids_with_role(user, Role.STAFF, Role.ADMIN, Role.LEADER, rollup=True)


def filter_visible_reports(user: User, queryset: QuerySet) -> QuerySet:
    visible = Q(pk__in=[])
    if getattr(user, "is_authenticated", False):
        visible = Q(created_by=user)
        member = active_seat(user)
        if member is not None:
            visible |= Q(members=member)
        readers = reader_committee_ids(user)
        visible |= Q(committee_id__in=readers) & ~Q(state=OpinionState.DRAFT)
        visible |= Q(forwarded_unit_id__in=unit_ids_of(user), state=OpinionState.FORWARDED)
    return queryset.filter(visible, is_deleted=False).distinct()


def can_read_report(user: User, report: OpinionReport) -> bool:
    return filter_visible_reports(user, OpinionReport.objects.filter(pk=report.pk)).exists()


def check_read_report_permission(user: User, report: OpinionReport) -> None:
    """Someone else's draft is not found rather than refused, as a proposal's draft is."""
    if can_read_report(user, report):
        return
    if report.state == OpinionState.DRAFT:
        raise Http404
    raise PermissionDenied(_("您无权查看这条社情民意信息。"))


def check_submit_permission(user: User, committee: Committee) -> None:
    """Members report to their own committee; the office files for bodies and members."""
    member = active_seat(user)
    if member is not None and member.committee_id == committee.pk:
        return
    if is_office(user, committee):
        return
    raise PermissionDenied(_("只有本级政协委员或机关工作人员可以报送社情民意信息。"))


def can_edit_report(user: User, report: OpinionReport) -> bool:
    allows = workflow_of(report).state(report.state).allows
    if AUTHOR_EDITS in allows and is_author(user, report):
        return True
    return OFFICE_EDITS in allows and is_office(user, report.committee_id)


def check_edit_report_permission(user: User, report: OpinionReport) -> None:
    if not can_edit_report(user, report):
        raise PermissionDenied(_("当前状态下您不能修改这条信息。"))


def check_office_permission(user: User, committee: Committee | int) -> None:
    check_office(user, committee)


def check_follow_up_permission(user: User, report: OpinionReport) -> None:
    """Escalations are recorded by the office, on adopted reports only."""
    check_office(user, report.committee_id)
    if report.state != OpinionState.ADOPTED:
        raise PermissionDenied(_("只有已采用的信息才能报送上级。"))


def can_read_bulletins(user: User, committee: Committee | int) -> bool:
    committee_id = committee if isinstance(committee, int) else committee.pk
    return committee_id in reader_committee_ids(user)


def check_read_bulletins_permission(user: User, committee: Committee | int) -> None:
    if not can_read_bulletins(user, committee):
        raise PermissionDenied(_("只有政协机关和领导可以查阅《社情民意》期刊。"))


def check_leader_view_permission(user: User) -> None:
    if not committee_ids_with_role(user, Role.LEADER, Role.STAFF, Role.ADMIN, rollup=True):
        raise PermissionDenied(_("只有领导和机关工作人员可以查看社情民意采用和批示情况。"))


def is_forwarded_to(user: User, report: OpinionReport) -> bool:
    return (
        report.state == OpinionState.FORWARDED
        and report.forwarded_unit_id is not None
        and report.forwarded_unit_id in unit_ids_of(user)
    )


def check_answer_permission(user: User, report: OpinionReport) -> None:
    """Only the department the report was forwarded to answers it."""
    if not is_forwarded_to(user, report):
        raise PermissionDenied(_("只有该信息转送的部门可以答复。"))


def check_unit_workspace_permission(user: User) -> set[int]:
    units = unit_ids_of(user)
    if not units:
        raise PermissionDenied(_("只有部门联络员可以查看转送信息。"))
    return units
