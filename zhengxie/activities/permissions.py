"""Who may do what with activities: office staff run them, members take part, the approver
the kind names decides leave."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import LeaderKind, Member, Role, User
from zhengxie.core.permissions import (
    active_seat,
    check_office,
    committee_ids_with_role,
    grants_of,
    is_office,
)
from zhengxie.core.workflow import Who

from .models import Activity, Invitation, LeaveApprover


def member_of(user: User, committee_id: int) -> Member | None:
    """The person's active seat on the committee, if any."""
    member = active_seat(user)
    return member if member and member.committee_id == committee_id else None


def check_read_topic_permission(user: User, topic) -> None:
    """A topic's page, with every committee's activities under it, is for the owning
    committee's office and leaders (and the committees above, with their roll-up)."""
    readers = committee_ids_with_role(user, Role.STAFF, Role.ADMIN, Role.LEADER, rollup=True)
    if topic.committee_id not in readers:
        raise PermissionDenied(_("只有议题所属政协的机关和领导可以查看议题进展。"))


def check_manage_activity_permission(user: User, committee_id: int) -> None:
    check_office(user, committee_id)


def can_manage_activity(user: User, committee_id: int) -> bool:
    return is_office(user, committee_id)


def can_approve_leave(user: User, committee_id: int, approver: str) -> bool:
    if approver == LeaveApprover.CHAIR:
        return any(
            g.committee_id == committee_id
            and g.role == Role.LEADER
            and g.leader_kind == LeaderKind.CHAIR_MEMBER
            for g in grants_of(user)
        ) or getattr(user, "is_superuser", False)
    return is_office(user, committee_id)


def check_approve_leave_permission(user: User, committee_id: int, approver: str) -> None:
    if not can_approve_leave(user, committee_id, approver):
        if approver == LeaveApprover.CHAIR:
            raise PermissionDenied(_("此类活动的请假须由主席会议成员审批。"))
        raise PermissionDenied(_("此类活动的请假须由本级政协机关工作人员审批。"))


# Who decides a leave request: the approver its activity's kind named when it was asked.
LEAVE_APPROVER = Who(
    "leave_approver",
    gettext_lazy("活动类型指定的请假审批人"),
    lambda user, leave: (
        user is not None and can_approve_leave(user, leave.committee_id, leave.approver)
    ),
)


def _asked_it(user: User | None, leave) -> bool:
    member = member_of(user, leave.committee_id) if user is not None else None
    return member is not None and member.pk == leave.member_id


LEAVE_ASKER = Who("leave_asker", gettext_lazy("请假的委员本人"), _asked_it)


def check_take_part_permission(user: User, activity: Activity) -> Member:
    """The member acting for themselves: they must sit on the activity's committee."""
    member = member_of(user, activity.committee_id)
    if member is None:
        raise PermissionDenied(_("只有本级政协委员可以参加此活动。"))
    return member


def check_reading_note_permission(user: User, session) -> Member:
    """Notes on a reading session come from the reading group's own members."""
    member = member_of(user, session.committee_id)
    if member is None or not session.group.members.filter(pk=member.pk).exists():
        raise PermissionDenied(_("只有读书群成员可以提交读书心得。"))
    return member


def activity_reader_committee_ids(user: User) -> set[int]:
    """Committees whose activities the person reads in full (office and leaders, roll-up)."""
    return committee_ids_with_role(user, Role.STAFF, Role.ADMIN, Role.LEADER, rollup=True)


def filter_visible_activities(user: User, queryset: QuerySet) -> QuerySet:
    """Office staff and leaders read their committees (the city also its counties) and the
    joint activities their committee is the upper partner of; a member reads the activities
    of their committee they are invited to."""
    if user.is_superuser:
        return queryset
    full = activity_reader_committee_ids(user)
    # A correlated check rather than a join: a join repeats each activity once per
    # invitation and needs DISTINCT over the whole list (tens of thousands of rows a year).
    invited = Exists(
        Invitation.objects.filter(
            activity=OuterRef("pk"), member__user_id=getattr(user, "pk", None)
        )
    )
    if full:
        return queryset.filter(Q(committee_id__in=full) | Q(upper_partner_id__in=full) | invited)
    return queryset.filter(invited)


def can_read_attendance(user: User, activity: Activity) -> bool:
    """Who was invited and who came: the owning committee's office, and for a joint activity
    the upper partner's office and leaders too (they read it; only the owner edits it)."""
    if can_manage_activity(user, activity.committee_id):
        return True
    partners = committee_ids_with_role(user, Role.STAFF, Role.ADMIN, Role.LEADER)
    return activity.upper_partner_id is not None and activity.upper_partner_id in partners


def check_read_activity_permission(user: User, activity: Activity) -> None:
    if not filter_visible_activities(user, Activity.objects.filter(pk=activity.pk)).exists():
        raise PermissionDenied(_("您无权查看此活动。"))


def check_score_sheet_permission(user: User, call) -> None:
    """Office staff enter any named reviewer's sheet; a named reviewer enters their own."""
    if can_manage_activity(user, call.committee_id):
        return
    if not call.reviewers.filter(pk=user.pk).exists():
        raise PermissionDenied(_("只有本次征文的评审人和政协机关工作人员可以录入评分。"))
