"""Invitations, sign-up, leave, sign-in (QR and desk), speeches, warnings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.models import CommitteeLevel, Member
from zhengxie.core.permissions import active_seat, readable_committee_ids
from zhengxie.core.services.rules import set_rule
from zhengxie.core.web.errors import messages_of, show_as_messages, show_form_errors_as_messages
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.web.scoping import office_committee
from zhengxie.core.workflow import WorkflowError

from .. import selectors
from ..forms import (
    AbsenceLimitsForm,
    InviteForm,
    LeaveForm,
    LeaveSlipForm,
    SpeechForm,
    StaffSignInForm,
)
from ..models import Activity, Attendance
from ..permissions import (
    check_manage_activity_permission,
    check_read_activity_permission,
    check_take_part_permission,
)
from ..rules import ABSENCE_LIMITS
from ..services import attendance as attendance_services
from ..services import invitations as invitation_services
from ..services.outcomes import record_speech
from ..signin import SignInTokenError, check_token, make_token, max_age_seconds, qr_svg


def _back(pk: int) -> HttpResponse:
    return redirect("activities:detail", pk)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    check_manage_activity_permission(request.user, activity.committee_id)
    form = InviteForm(request.POST, committee_id=activity.committee_id)
    if not form.is_valid():
        show_form_errors_as_messages(request, form)
        return _back(pk)
    data = form.cleaned_data
    try:
        count = invitation_services.invite_members(
            actor=request.user,
            activity=activity,
            source=data["source"],
            sector=data["sector"],
            special_committee=data["special_committee"],
            member_ids=data["members"],
        )
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("已邀请 %(n)s 位委员。") % {"n": count})
    return _back(pk)


@login_required
@require_POST
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    try:
        invitation_services.sign_up(user=request.user, activity=activity)
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("报名成功。"))
    return _back(pk)


@login_required
@require_POST
def request_leave(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("kind"), pk=pk)
    check_take_part_permission(request.user, activity)
    form = LeaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写请假事由。"))
        return _back(pk)
    try:
        invitation_services.request_leave(
            user=request.user, activity=activity, reason=form.cleaned_data["reason"]
        )
    except (ValidationError, WorkflowError) as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("请假申请已提交，等待审批。"))
    return _back(pk)


@login_required
@require_POST
def record_leave_slips(request: HttpRequest, pk: int) -> HttpResponse:
    """The office enters paper leave slips, already approved, for invited members."""
    activity = get_object_or_404(Activity.objects.select_related("kind"), pk=pk)
    check_manage_activity_permission(request.user, activity.committee_id)
    form = LeaveSlipForm(request.POST)
    if not form.is_valid():
        show_form_errors_as_messages(request, form)
        return _back(pk)
    try:
        leaves = invitation_services.record_leave_slips(
            actor=request.user,
            activity=activity,
            member_ids=form.cleaned_data["members"],
            reason=form.cleaned_data["reason"],
            signed_by=form.cleaned_data["signed_by"],
        )
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("已登记 %(n)s 位委员的请假条。") % {"n": len(leaves)})
    return _back(pk)


@login_required
def pending_leaves(request: HttpRequest) -> HttpResponse:
    leaves = selectors.pending_leaves_for(user=request.user)
    return render(request, "activities/leaves.html", {"leaves": leaves})


@login_required
def signin_screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The venue screen: a fresh QR code, reloaded before the token expires."""
    activity = get_object_or_404(Activity, pk=pk)
    check_manage_activity_permission(request.user, activity.committee_id)
    refresh = max(60, max_age_seconds(activity.committee_id) - 60)
    summary = selectors.attendance_summary(activity=activity)
    return render(
        request,
        "activities/screen.html",
        {"activity": activity, "refresh": refresh, "summary": summary},
    )


def _signin_url(request: HttpRequest, activity: Activity) -> str:
    path = reverse("activities:signin", args=[activity.pk, make_token(activity)])
    return request.build_absolute_uri(path)


@login_required
def signin_qr(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    check_manage_activity_permission(request.user, activity.committee_id)
    response = HttpResponse(qr_svg(_signin_url(request, activity)), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@login_required
def signin(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The page the QR code opens: GET shows the activity, POST signs the member in. A bad
    token shows nothing of the activity: its title, time and place are for those at the venue."""
    activity = get_object_or_404(Activity, pk=pk)
    try:
        check_token(token, activity)
    except SignInTokenError as error:
        return render(request, "activities/signin.html", {"error": str(error)}, status=400)
    context = {"activity": activity, "token": token}
    if request.method == "POST":
        try:
            _row, created = attendance_services.sign_in_with_token(
                user=request.user, token=token, activity=activity
            )
        except SignInTokenError as error:
            return render(request, "activities/signin.html", {"error": str(error)}, status=400)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(messages_of(error))
            return render(request, "activities/signin.html", {**context, "error": text}, status=403)
        context["done"] = _("签到成功。") if created else _("您已签到，无需重复签到。")
    return render(request, "activities/signin.html", context)


@login_required
@require_POST
def staff_signin(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    check_manage_activity_permission(request.user, activity.committee_id)
    form = StaffSignInForm(request.POST)
    member = None
    if form.is_valid():
        member = Member.objects.filter(pk=form.cleaned_data["member"]).first()
    if member is None:
        messages.error(request, _("委员编号：未找到该委员。"))
        return _back(pk)
    try:
        attendance_services.record_attendance_by_staff(
            actor=request.user,
            activity=activity,
            member=member,
            minutes_present=form.cleaned_data["minutes_present"],
        )
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("已登记 %(m)s 的出席情况。") % {"m": member.name})
    return _back(pk)


@login_required
@require_POST
def cancel_attendance(request: HttpRequest, attendance_pk: int) -> HttpResponse:
    attendance = get_object_or_404(Attendance, pk=attendance_pk)
    try:
        attendance_services.cancel_attendance(actor=request.user, attendance=attendance)
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("已撤销签到。"))
    return _back(attendance.activity_id)


@login_required
@require_POST
def add_speech(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    check_read_activity_permission(request.user, activity)
    form = SpeechForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写发言题目。"))
        return _back(pk)
    data = form.cleaned_data
    own = active_seat(request.user)
    member = Member.objects.filter(pk=data["member"]).first() if data["member"] else own
    if member is None:
        messages.error(request, _("委员编号：未找到该委员。"))
        return _back(pk)
    try:
        record_speech(
            actor=request.user,
            activity=activity,
            member=member,
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
        )
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("发言已登记。"))
    return _back(pk)


@login_required
def warnings(request: HttpRequest) -> HttpResponse:
    """The absence warnings raised so far, and the limits that raise them (POST sets them)."""
    committee = office_committee(request)
    form = AbsenceLimitsForm(request.POST or None, initial=AbsenceLimitsForm.initial_for(committee))
    if request.method == "POST" and form.is_valid():
        try:
            set_rule(
                actor=request.user,
                committee=committee,
                key=ABSENCE_LIMITS,
                value=form.rule_value(),
                reason=_("修改缺席预警次数"),
            )
        except ValidationError as error:
            show_as_messages(request, error)
        else:
            return redirect_with_success(
                request,
                _("缺席预警次数已保存，今后举行的活动按新次数预警。"),
                request.get_full_path(),
            )
    ids = {committee.pk} | (
        readable_committee_ids(request.user) if committee.level != CommitteeLevel.COUNTY else set()
    )
    rows = selectors.list_warnings(committee_ids=ids)[:500]
    return render(request, "activities/warnings.html", {"warnings": rows, "form": form})
