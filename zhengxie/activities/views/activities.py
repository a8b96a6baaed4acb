from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zhengxie.core.history import history_context
from zhengxie.core.permissions import office_committee_ids
from zhengxie.core.web.errors import show_as_messages
from zhengxie.core.web.pagination import paginate
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.web.scoping import allowed_committees, office_committee, pick_committee_ids

from .. import selectors
from ..forms import (
    ActivityForm,
    GuestForm,
    InviteForm,
    LeaveForm,
    LeaveSlipForm,
    SpeechForm,
    StaffSignInForm,
)
from ..models import Activity, LeaveRequest, LeaveStatus, Speech
from ..permissions import (
    activity_reader_committee_ids,
    can_approve_leave,
    can_manage_activity,
    can_read_attendance,
    check_manage_activity_permission,
    check_read_activity_permission,
    member_of,
)
from ..services import activities as activity_services
from ..services.kinds import seed_default_kinds


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    """Every activity the person reads; `?committee=` narrows to one committee's own and the
    joint activities it is the upper partner of."""
    readers = activity_reader_committee_ids(request.user)
    named = request.GET.get("committee")
    committee_ids = pick_committee_ids(request, readers) if named else None
    activities = selectors.list_activities(user=request.user, committee_ids=committee_ids)
    page = paginate(request, activities, 30)
    office = bool(office_committee_ids(request.user))
    context = {
        "page": page,
        "office": office,
        "committees": allowed_committees(readers) if len(readers) > 1 else [],
        "all_label": _("全部政协"),
    }
    return render(request, "activities/list.html", context)


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    committee = office_committee(request)
    check_manage_activity_permission(request.user, committee.pk)
    # A committee that has never configured kinds starts with the standard list.
    seed_default_kinds(committee=committee)
    form = ActivityForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_services.create_activity(
                actor=request.user, committee=committee, **form.cleaned_data
            )
        except ValidationError as error:
            show_as_messages(request, error)
        else:
            return redirect_with_success(
                request, _("活动已创建，请邀请参加人员。"), "activities:detail", activity.pk
            )
    return render(request, "activities/create.html", {"form": form, "committee": committee})


def _detail_context(request: HttpRequest, activity: Activity) -> dict:
    manage = can_manage_activity(request.user, activity.committee_id)
    member = member_of(request.user, activity.committee_id)
    context = {
        "activity": activity,
        "manage": manage,
        "open": activity_services.takes_part(activity),
        "summary": selectors.attendance_summary(activity=activity),
        "speeches": Speech.objects.filter(activity=activity).select_related("member"),
        "outcomes": activity.outcomes.filter(is_deleted=False),
        "approver": can_approve_leave(
            request.user, activity.committee_id, activity.kind.leave_approver
        ),
        "pending_leaves": activity.leaves.filter(status=LeaveStatus.PENDING).select_related(
            "member"
        ),
    }
    if member:
        context["me"] = {
            "member": member,
            "invitation": activity.invitations.filter(member=member).first(),
            "leave": LeaveRequest.objects.filter(activity=activity, member=member).first(),
            "attendance": activity.attendances.filter(member=member).first(),
        }
    context["show_roster"] = can_read_attendance(request.user, activity)
    if context["show_roster"]:
        context["roster"] = selectors.roster(activity=activity)
        context["guests"] = selectors.list_guests(activity=activity)
    if manage:
        context.update(
            invite_form=InviteForm(committee_id=activity.committee_id),
            signin_form=StaffSignInForm(),
            slip_form=LeaveSlipForm(),
            guest_form=GuestForm(committee_id=activity.committee_id),
            **history_context(activity),
        )
    context["leave_form"] = LeaveForm()
    context["speech_form"] = SpeechForm()
    return context


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("kind", "committee", "topic", "upper_partner"), pk=pk
    )
    check_read_activity_permission(request.user, activity)
    return render(request, "activities/detail.html", _detail_context(request, activity))


@login_required
def activity_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """The follow-up step's page: adoption and instructions are recorded on the outcome, the
    activity's latest one."""
    activity = get_object_or_404(Activity, pk=pk)
    check_manage_activity_permission(request.user, activity.committee_id)
    outcome = activity.outcomes.filter(is_deleted=False).order_by("-submitted_on", "-id").first()
    if outcome is None:
        messages.error(request, _("该活动尚未报送成果。"))
        return redirect("activities:detail", pk)
    return redirect("activities:outcome", outcome.pk)
