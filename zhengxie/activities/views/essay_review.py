"""理论征文 review: staff name the reviewers; reviewers (or staff, from a paper sheet) enter
the scores for every essay of the call on one sheet."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from zhengxie.core.history import history_context
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.params import parse_int
from zhengxie.core.web.redirects import redirect_with_success

from ..forms import ReviewersForm, ScoreSheetForm
from ..models import EssayCall, EssayScore
from ..permissions import (
    can_manage_activity,
    check_manage_activity_permission,
    check_score_sheet_permission,
)
from ..services import essays as essay_services


@login_required
def reviewers(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(EssayCall, pk=pk)
    check_manage_activity_permission(request.user, call.committee_id)
    form = ReviewersForm(
        request.POST or None,
        committee_id=call.committee_id,
        initial={"reviewers": list(call.reviewers.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            essay_services.set_reviewers(
                actor=request.user, call=call, reviewers=list(form.cleaned_data["reviewers"])
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("评审人已保存。"), "activities:essay_call", call.pk
            )
    return render(
        request,
        "activities/essay_reviewers.html",
        {"call": call, "form": form, **history_context(call)},
    )


def _sheet_reviewer(request: HttpRequest, call: EssayCall, named: list):
    """Staff pick whose sheet (?reviewer=); a reviewer always enters their own."""
    wanted = request.GET.get("reviewer") or request.POST.get("reviewer")
    if can_manage_activity(request.user, call.committee_id) and wanted:
        reviewer_id = parse_int(wanted, field="reviewer")
        return next((u for u in named if u.pk == reviewer_id), None)
    own = next((u for u in named if u.pk == request.user.pk), None)
    return own or (named[0] if named else None)


@login_required
def score_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(EssayCall, pk=pk)
    check_score_sheet_permission(request.user, call)
    named = list(call.reviewers.order_by("display_name", "username"))
    reviewer = _sheet_reviewer(request, call, named)
    if reviewer is None:
        raise PermissionDenied(_("本次征文尚未确定评审人。"))
    essays = list(call.essays.select_related("member").order_by("id"))
    given = dict(
        EssayScore.objects.filter(essay__call=call, reviewer=reviewer).values_list(
            "essay_id", "score"
        )
    )
    form = ScoreSheetForm(
        request.POST or None,
        essays=essays,
        initial={f"essay_{pk}": score for pk, score in given.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = essay_services.record_scores(
                actor=request.user, call=call, reviewer=reviewer, scores=form.scores()
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request,
                _("已保存 %(n)s 篇稿件的评分。") % {"n": count},
                "activities:essay_call",
                call.pk,
            )
    context = {
        "call": call,
        "form": form,
        "reviewer": reviewer,
        "named": named,
        "manage": can_manage_activity(request.user, call.committee_id),
    }
    return render(request, "activities/essay_scores.html", context)
