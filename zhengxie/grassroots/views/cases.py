from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.history import history_context
from zhengxie.core.models import Venue
from zhengxie.core.permissions import is_office
from zhengxie.core.web.errors import (
    show_as_messages,
    show_form_errors_as_messages,
    show_on_form,
)
from zhengxie.core.web.pagination import paginate
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.workflow import WorkflowError, may_take
from zhengxie.core.workflow.actions import actions_for
from zhengxie.jobs.selectors.search import jobs_to_refer

from .. import rules, selectors
from ..forms import AcceptForm, JobReferralForm, ProgressForm, RatingForm
from ..models import Action, Case, CaseState
from ..permissions import (
    can_see_reporter_contact,
    check_read_case_permission,
    check_update_action_permission,
)
from ..services.actions import report_progress
from ..services.cases import accept_case, rate_case
from ..services.job_referrals import refer_case_to_jobs
from ..workflow import AGREED_ACTION, CASE
from .common import reader_committee_ids


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    reader_committee_ids(request)  # residents use their own list
    state = request.GET.get("state", "")
    cases = selectors.list_cases(
        user=request.user, state=state if state in CaseState.values else ""
    )
    page = paginate(request, cases, 30)
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


def _detail_context(request: HttpRequest, case: Case) -> dict:
    """The case and its agreed actions, each with the steps the engine lets the person take."""
    user = request.user
    rows = [(a, actions_for(a, user, workflow=AGREED_ACTION)) for a in case.actions.all()]
    updatable = {a.pk for a, _b in rows if may_take(a, "complete", user, workflow=AGREED_ACTION)}
    return {
        "case": case,
        "category": rules.categories(case.committee_id).get(case.category, case.category),
        "show_contact": can_see_reporter_contact(user, case),
        "actions": actions_for(case, user, workflow=CASE),
        "action_rows": rows,
        "updatable": updatable,
        "progress_form": ProgressForm(),
        "job_referral_form": _job_referral_form(case, user),
        **history_context(case, shown=is_office(user, case.committee_id)),
    }


def _job_referral_form(case: Case, user, data=None) -> JobReferralForm | None:
    """The 推荐岗位 form, for those who may resolve the case so, with the jobs to tick."""
    if not may_take(case, "refer_to_job", user, workflow=CASE):
        return None
    jobs = jobs_to_refer(committee_id=case.committee_id, town_id=case.town_id)
    return JobReferralForm(data, jobs=jobs)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_detail(case_id=pk)
    check_read_case_permission(request.user, case)
    return render(request, "grassroots/case_detail.html", _detail_context(request, case))


def _step_case(pk: int) -> Case:
    return get_object_or_404(Case.objects.select_related("venue", "committee"), pk=pk)


def _refusal(request: HttpRequest, case: Case, step: str) -> HttpResponse | None:
    """None when the engine lets the person take the step now. A person the table names is
    sent back to the case with a message while the case is in another state; others get 403."""
    if may_take(case, step, request.user, workflow=CASE):
        return None
    if not CASE.transition(step).may(request.user, case):
        raise PermissionDenied(_("您无权执行该操作。"))
    messages.error(request, _("该记录当前状态下不能执行此操作，请刷新页面。"))
    return redirect("grassroots:case_detail", pk=case.pk)


def _step_page(request, case: Case, step: str, form, take, *, back: str) -> HttpResponse:
    """The page of a step with its own form: shown, then posted to the service `take`; a
    refusal on a field stays on the form, a step someone else took first goes back."""
    label = CASE.transition(step).label
    if request.method == "POST" and form.is_valid():
        try:
            take(form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        except WorkflowError as error:
            show_as_messages(request, error)
            return redirect(back)
        else:
            return redirect_with_success(request, _("已%(action)s。") % {"action": label}, back)
    context = {"record": case, "workflow": CASE, "label": label, "form": form, "back": back}
    return render(request, "core/workflow_act.html", context)


@login_required
def case_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """列入议题清单: the venue is picked among the person's own (staff: the town's)."""
    case = _step_case(pk)
    if refused := _refusal(request, case, "accept"):
        return refused
    venues = _triage_venues(request.user, case)
    chosen = case.venue_id or next((v.pk for v in venues if v.town_id == case.town_id), None)
    form = AcceptForm(request.POST or None, venues=venues, initial={"venue": chosen})
    return _step_page(
        request,
        case,
        "accept",
        form,
        lambda data: accept_case(actor=request.user, case=case, venue=data["venue"]),
        back=reverse("grassroots:case_detail", args=[pk]),
    )


@login_required
def case_session(request: HttpRequest, pk: int) -> HttpResponse:
    """召开协商会: the venue's session form, with this case ticked."""
    case = _step_case(pk)
    if refused := _refusal(request, case, "consult"):
        return refused
    url = reverse("grassroots:session_create", args=[case.venue_id])
    return redirect(f"{url}?case={case.pk}")


@login_required
def case_rate(request: HttpRequest, pk: int) -> HttpResponse:
    """The rating: the reporter's own, or the residents' representatives' recorded by the
    convenor; the reporter returns to the public page."""
    case = _step_case(pk)
    if refused := _refusal(request, case, "rate"):
        return refused
    name = "case_public" if case.reporter_id == request.user.pk else "case_detail"
    return _step_page(
        request,
        case,
        "rate",
        RatingForm(request.POST or None),
        lambda data: rate_case(actor=request.user, case=case, **data),
        back=reverse(f"grassroots:{name}", args=[pk]),
    )


@login_required
@require_POST
def case_job_referral(request: HttpRequest, pk: int) -> HttpResponse:
    """推荐岗位 from the form on the case page: the case is resolved with the jobs ticked."""
    case = _step_case(pk)
    if refused := _refusal(request, case, "refer_to_job"):
        return refused
    form = _job_referral_form(case, request.user, request.POST)
    back = redirect("grassroots:case_detail", pk=pk)
    if not form.is_valid():
        show_form_errors_as_messages(request, form)
        return back
    try:
        refer_case_to_jobs(actor=request.user, case=case, job_ids=form.cleaned_data["jobs"])
    except (ValidationError, WorkflowError) as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("已推荐岗位，问题已办结。"))
    return back


@login_required
@require_POST
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """A progress note from the case page; ticked 已完成, the action's step `complete`."""
    action = get_object_or_404(Action.objects.select_related("case__venue"), pk=pk)
    check_update_action_permission(request.user, action)
    form = ProgressForm(request.POST)
    back = redirect("grassroots:case_detail", pk=action.case_id)
    if not form.is_valid():
        messages.error(request, _("进展情况：请填写。"))
        return back
    try:
        report_progress(actor=request.user, action=action, **form.cleaned_data)
    except (ValidationError, WorkflowError) as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("已办理。"))
    return back


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
    page = paginate(request, actions, 50)
    return render(request, "grassroots/overdue.html", {"page": page})
