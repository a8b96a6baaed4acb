from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.history import history_of
from zhengxie.core.models import Venue
from zhengxie.core.permissions import is_office

from .. import rules, selectors
from ..forms import AcceptForm, ActionForm, ProgressForm, RatingForm, ReferForm
from ..models import Action, Case, CaseState
from ..permissions import (
    can_manage_venue,
    can_rate_case,
    can_see_reporter_contact,
    can_triage_case,
    can_update_action,
    check_manage_venue_permission,
    check_rate_case_permission,
    check_read_case_permission,
    check_triage_case_permission,
    check_update_action_permission,
)
from ..services.actions import agree_action, report_progress
from ..services.cases import accept_case, close_case, rate_case, refer_case
from ..workflow import actions_from, allowed
from .common import reader_committee_ids


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    reader_committee_ids(request)  # residents use their own list
    state = request.GET.get("state", "")
    cases = selectors.list_cases(
        user=request.user, state=state if state in CaseState.values else ""
    )
    page = Paginator(cases, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "grassroots/case_list.html",
        {"page": page, "states": CaseState.choices, "state": state},
    )


def _triage_venues(user, case: Case):
    venues = Venue.objects.filter(committee_id=case.committee_id, is_active=True)
    if is_office(user, case.committee_id):
        return venues.filter(town_id=case.town_id) | venues.filter(pk=case.venue_id or 0)
    return venues.filter(convenor=user)


def _accept_form(user, case: Case) -> AcceptForm:
    """Preselects the case's own venue, or the first venue of its town."""
    venues = _triage_venues(user, case)
    chosen = case.venue_id or next((v.pk for v in venues if v.town_id == case.town_id), None)
    return AcceptForm(venues=venues, initial={"venue": chosen})


def _detail_context(request: HttpRequest, case: Case) -> dict:
    user = request.user
    manage = can_manage_venue(user, case.venue)
    return {
        "case": case,
        "category": rules.categories(case.committee_id).get(case.category, case.category),
        "show_contact": can_see_reporter_contact(user, case),
        "can_triage": can_triage_case(user, case)
        and case.state in (CaseState.RAISED, CaseState.ACCEPTED, CaseState.REFERRED),
        "can_manage": manage,
        "can_rate": can_rate_case(user, case) and case.state == CaseState.RESOLVED,
        "updatable": {a.pk for a in case.actions.all() if can_update_action(user, a)},
        "transitions": actions_from(case.state, actor="venue") if manage else [],
        "can_add_action": manage and allowed("agree_action", case.state),
        "accept_form": _accept_form(user, case),
        "refer_form": ReferForm(),
        "action_form": ActionForm(committee_id=case.committee_id),
        "progress_form": ProgressForm(),
        "rating_form": RatingForm(),
        "history": history_of(case) if is_office(user, case.committee_id) else None,
    }


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_detail(case_id=pk)
    check_read_case_permission(request.user, case)
    return render(request, "grassroots/case_detail.html", _detail_context(request, case))


def _run(request: HttpRequest, pk: int, form, act, check) -> HttpResponse:
    """Posts a form to one service; a person the service refuses is refused before the form
    is read (a form error would tell them about a case they may not touch); bad input comes
    back as a message and changes nothing."""
    case = get_object_or_404(Case.objects.select_related("venue", "committee"), pk=pk)
    check(case)
    if not form.is_valid():
        messages.error(
            request,
            "；".join(
                f"{form.fields[f].label if f in form.fields else ''}：{' '.join(e)}"
                for f, e in form.errors.items()
            ),
        )
        return redirect("grassroots:case_detail", pk=pk)
    try:
        act(case, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("已办理。"))
    return redirect("grassroots:case_detail", pk=pk)


@login_required
@require_POST
def case_accept(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    form = AcceptForm(request.POST, venues=_triage_venues(request.user, case))
    return _run(
        request,
        pk,
        form,
        lambda c, d: accept_case(actor=request.user, case=c, venue=d["venue"]),
        lambda c: check_triage_case_permission(request.user, c),
    )


@login_required
@require_POST
def case_refer(request: HttpRequest, pk: int) -> HttpResponse:
    return _run(
        request,
        pk,
        ReferForm(request.POST),
        lambda c, d: refer_case(actor=request.user, case=c, **d),
        lambda c: check_triage_case_permission(request.user, c),
    )


@login_required
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("venue"), pk=pk)
    try:
        close_case(actor=request.user, case=case)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("已销号。"))
    return redirect("grassroots:case_detail", pk=pk)


@login_required
@require_POST
def case_rate(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case, data):
        rate_case(actor=request.user, case=case, value=data["value"], comment=data["comment"])

    response = _run(
        request,
        pk,
        RatingForm(request.POST),
        act,
        lambda c: check_rate_case_permission(request.user, c),
    )
    case = Case.objects.only("reporter_id").get(pk=pk)
    return (
        redirect("grassroots:case_public", pk=pk)
        if case.reporter_id == request.user.pk
        else response
    )


@login_required
@require_POST
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    form = ActionForm(request.POST, committee_id=case.committee_id)
    return _run(
        request,
        pk,
        form,
        lambda c, d: agree_action(actor=request.user, case=c, **d),
        lambda c: check_manage_venue_permission(request.user, c.venue),
    )


@login_required
@require_POST
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("case__venue"), pk=pk)
    form = ProgressForm(request.POST)
    return _run(
        request,
        action.case_id,
        form,
        lambda c, d: report_progress(actor=request.user, action=action, **d),
        lambda c: check_update_action_permission(request.user, action),
    )


@login_required
def overdue_actions(request: HttpRequest) -> HttpResponse:
    """Staff see their committees' overdue actions; a convenor sees those of own venues."""
    committee_ids = reader_committee_ids(request)
    actions = selectors.list_overdue_actions(committee_ids=committee_ids, on=timezone.localdate())
    office_ids = [c for c in committee_ids if is_office(request.user, c)]
    if office_ids:
        actions = actions.filter(committee_id__in=office_ids)
    elif Venue.objects.filter(convenor=request.user).exists():
        actions = actions.filter(case__venue__convenor=request.user)
    else:
        raise PermissionDenied(_("只有机关工作人员和召集人可以查看逾期清单。"))
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(request, "grassroots/overdue.html", {"page": page})
