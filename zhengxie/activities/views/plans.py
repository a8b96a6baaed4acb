"""The annual consultation plan, the activity kinds, absence warnings and the figures page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.selectors import committee_scope
from zhengxie.core.web.downloads import XLSX, download
from zhengxie.core.web.errors import show_as_messages
from zhengxie.core.web.params import int_param, year_param
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.web.scoping import office_committee

from .. import selectors
from ..forms import KindForm, TopicForm
from ..models import ActivityKind, ConsultationPlan
from ..permissions import check_manage_activity_permission
from ..services import plans as plan_services
from ..services.kinds import save_kind, seed_default_kinds
from ..workbooks import attendance_workbook


def _year(request: HttpRequest) -> int:
    return year_param(request, default=timezone.localdate().year)


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    committee = office_committee(request)
    year = _year(request)
    current = ConsultationPlan.objects.filter(committee=committee, year=year).first()
    form = TopicForm(request.POST or None, committee_id=committee.pk)
    if request.method == "POST" and form.is_valid():
        try:
            current = current or plan_services.open_plan(
                actor=request.user, committee=committee, year=year
            )
            plan_services.collect_topic(actor=request.user, plan=current, **form.cleaned_data)
        except ValidationError as error:
            show_as_messages(request, error)
        else:
            return redirect_with_success(
                request, _("议题已征集。"), request.path, query={"year": year}
            )
    check_manage_activity_permission(request.user, committee.pk)
    overview = selectors.plan_overview(plan=current) if current else []
    return render(
        request,
        "activities/plan.html",
        {
            "committee": committee,
            "year": year,
            "plan": current,
            "overview": overview,
            "form": form,
            "held": sum(1 for row in overview if row["held"]),
        },
    )


@login_required
def topic(request: HttpRequest, pk: int) -> HttpResponse:
    """A topic's progress across the committees that took it up (市县联动)."""
    return render(
        request, "activities/topic.html", selectors.topic_progress(user=request.user, pk=pk)
    )


@login_required
def kinds(request: HttpRequest) -> HttpResponse:
    committee = office_committee(request)
    check_manage_activity_permission(request.user, committee.pk)
    seed_default_kinds(committee=committee)
    editing = None
    if (kind_id := int_param(request, "edit")) is not None:
        editing = get_object_or_404(ActivityKind, pk=kind_id, committee=committee)
    form = KindForm(request.POST or None, instance=editing or ActivityKind(committee=committee))
    if request.method == "POST" and form.is_valid():
        try:
            save_kind(actor=request.user, kind=form.instance)
        except ValidationError as error:
            show_as_messages(request, error)
        else:
            return redirect_with_success(request, _("活动类型已保存。"), "activities:kinds")
    rows = ActivityKind.objects.filter(committee=committee)
    return render(
        request, "activities/kinds.html", {"kinds": rows, "form": form, "editing": editing}
    )


@login_required
def attendance_export(request: HttpRequest) -> HttpResponse:
    """The year's attendance per activity and per member, for the office (with every
    committee below it: a province's cities and their counties), as an .xlsx."""
    committee = office_committee(request)
    year = _year(request)
    ids = committee_scope(committee, rollup=True)
    content = attendance_workbook(committee_ids=ids, year=year)
    name = f"{committee.short_name}{year}年活动考勤.xlsx"
    return download(content, filename=name, content_type=XLSX)


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    committee = office_committee(request)
    year = _year(request)
    ids = committee_scope(committee, rollup=True)
    data = selectors.figures(committee_ids=ids, year=year)
    return render(
        request,
        "activities/figures.html",
        {
            "committee": committee,
            "year": year,
            "figures": data,
            "by_kind": selectors.figures_by_kind(committee_ids=ids, year=year),
            "participants": data["participants"],
        },
    )
