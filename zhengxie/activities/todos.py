"""What the activities app puts on people's 今日待办. Registered by ActivitiesConfig.ready; each
provider costs a constant number of queries."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role, User
from zhengxie.core.permissions import active_seat
from zhengxie.core.todos import TodoItem, TodoProvider, item

from .models import Attendance, Invitation, LeaveRequest, LeaveStatus
from .models.activities import TAKE_PART
from .selectors import pending_leaves_for
from .steps import states_allowing


def invitations(user: User) -> list[TodoItem]:
    """Activities from today on that the member is invited to and has neither signed up for
    nor asked leave from: attend (sign up) or excuse themselves."""
    member = active_seat(user)
    if member is None:
        return []
    today = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    asked = LeaveRequest.objects.filter(activity=OuterRef("activity"), member=member)
    open_invitations = (
        Invitation.objects.filter(
            member=member,
            signed_up_at__isnull=True,
            activity__state__in=states_allowing("activity", TAKE_PART),
            activity__starts_at__gte=today,
        )
        .exclude(Exists(asked))
        .select_related("activity")
    )
    return [
        item(
            "activities.invitations",
            _("参加或请假：%(t)s") % {"t": i.activity.title},
            reverse("activities:detail", args=[i.activity_id]),
            i.activity.starts_at,
        )
        for i in open_invitations
    ]


def sign_in_today(user: User) -> list[TodoItem]:
    """Today's activities the member is invited to, not excused from and not yet signed in
    at: the activity's page is where the phone scans the venue screen's code."""
    member = active_seat(user)
    if member is None:
        return []
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    excused = LeaveRequest.objects.filter(
        activity=OuterRef("activity"), member=member, status=LeaveStatus.APPROVED
    )
    signed = Attendance.objects.filter(activity=OuterRef("activity"), member=member)
    due_today = (
        Invitation.objects.filter(
            member=member,
            activity__state__in=states_allowing("activity", TAKE_PART),
            activity__starts_at__gte=start,
            activity__starts_at__lt=start + dt.timedelta(days=1),
        )
        .exclude(Exists(excused))
        .exclude(Exists(signed))
        .select_related("activity")
    )
    return [
        item(
            "activities.sign_in",
            _("今日签到：%(t)s") % {"t": i.activity.title},
            reverse("activities:detail", args=[i.activity_id]),
            i.activity.starts_at,
        )
        for i in due_today
    ]


def leaves_to_decide(user: User) -> list[TodoItem]:
    return [
        item(
            "activities.leaves",
            _("请假待审批：%(m)s · %(t)s") % {"m": leave.member.name, "t": leave.activity.title},
            reverse("activities:leaves"),
            leave.activity.starts_at,
        )
        for leave in pending_leaves_for(user=user)
    ]


PROVIDERS = [
    TodoProvider(
        "activities.sign_in",
        gettext_lazy("今日会议签到"),
        sign_in_today,
        frozenset({Role.MEMBER}),
        19,
    ),
    TodoProvider(
        "activities.invitations",
        gettext_lazy("待回复的活动邀请"),
        invitations,
        frozenset({Role.MEMBER}),
        20,
    ),
    TodoProvider(
        "activities.leaves",
        gettext_lazy("待审批的请假"),
        leaves_to_decide,
        frozenset({Role.STAFF, Role.ADMIN, Role.LEADER}),
        21,
    ),
]
