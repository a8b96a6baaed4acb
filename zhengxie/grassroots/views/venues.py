from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, Town, Venue
from zhengxie.core.permissions import readable_committee_ids
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.params import int_param
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.workflow.actions import actions_for

from .. import rules, selectors
from ..forms import ConvenorCaseForm, VenueForm
from ..permissions import can_manage_venue, check_manage_venue_permission
from ..services.cases import raise_case_by_convenor
from ..services.venues import update_venue
from ..workflow import CASE
from .common import reader_committee_ids


@login_required
def venue_list(request: HttpRequest) -> HttpResponse:
    committee_ids = reader_committee_ids(request)
    venues = selectors.list_venues(committee_ids=committee_ids, town_id=int_param(request, "town"))
    return render(
        request,
        "grassroots/venue_list.html",
        {
            "venues": venues,
            "committees": Committee.objects.filter(pk__in=reader_committee_ids(request)),
            "towns": Town.objects.filter(committee_id__in=committee_ids),
        },
    )


def _check_read_venue(request: HttpRequest, venue: Venue) -> None:
    if venue.convenor_id != request.user.pk and venue.committee_id not in readable_committee_ids(
        request.user
    ):
        raise PermissionDenied(_("您无权查看该协商场所。"))


@login_required
def venue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    venue = selectors.get_venue_detail(venue_id=pk)
    _check_read_venue(request, venue)
    # Each case on the list with the next steps the person may take (the case's venue is the
    # one prefetched, so the engine's checks read no rows); the override is on the case page.
    cases = [
        (case, actions_for(case, request.user, workflow=CASE, with_override=False))
        for case in venue.cases.all()
    ]
    return render(
        request,
        "grassroots/venue_detail.html",
        {
            "venue": venue,
            "cases": cases,
            "can_manage": can_manage_venue(request.user, venue),
            "categories": rules.categories(venue.committee_id),
        },
    )


@login_required
def venue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    venue = get_object_or_404(Venue.objects.select_related("committee", "town"), pk=pk)
    check_manage_venue_permission(request.user, venue)
    initial = {
        "address": venue.address,
        "duty_days": venue.duty_days,
        "star_rating": venue.star_rating,
        "members": list(venue.members.values_list("pk", flat=True)),
    }
    form = VenueForm(request.POST or None, venue=venue, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_venue(
                actor=request.user,
                venue=venue,
                address=data["address"],
                duty_days=data["duty_days"],
                member_ids=[m.pk for m in data["members"]],
                star_rating=data["star_rating"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("场所信息已保存。"), "grassroots:venue_detail", pk=venue.pk
            )
    return render(request, "grassroots/venue_edit.html", {"venue": venue, "form": form})


@login_required
def venue_case_create(request: HttpRequest, pk: int) -> HttpResponse:
    venue = get_object_or_404(Venue.objects.select_related("committee", "town"), pk=pk)
    check_manage_venue_permission(request.user, venue)
    form = ConvenorCaseForm(request.POST or None, committee=venue.committee_id)
    if request.method == "POST" and form.is_valid():
        try:
            case = raise_case_by_convenor(actor=request.user, venue=venue, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("问题已登记并列入议题清单。"), "grassroots:case_detail", pk=case.pk
            )
    return render(
        request,
        "grassroots/form.html",
        {"form": form, "title": _("登记问题：%(v)s") % {"v": venue.name}},
    )
