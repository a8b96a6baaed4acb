"""Staff pages: standings, publication, warnings and recognitions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.history import attach_histories
from zhengxie.core.web.downloads import XLSX, download
from zhengxie.core.web.errors import show_as_messages
from zhengxie.core.web.redirects import redirect_to
from zhengxie.core.workflow.actions import actions_for

from ..forms import RecognitionForm, WithdrawForm
from ..models import Grade, Recognition
from ..permissions import can_manage_duty, check_manage_duty_permission
from ..selectors import figures
from ..selectors.standings import distribution, list_recognitions, ranking
from ..selectors.warnings import due_warnings, list_warnings
from ..services.recognition import record_recognition, withdraw_recognition
from ..services.recompute import YearClosedError, is_published, publish_year, recompute_year
from ..services.warnings import issue_warnings
from ..workbooks import KINDS, duty_workbook
from ..workflow import DUTY_WARNING
from .scope import scope_of


def _back(name: str, scope: dict) -> HttpResponse:
    return redirect_to(name, query={"committee": scope["committee"].pk, "year": scope["year"]})


def _rollup_ids(scope: dict) -> list[int]:
    """A city committee's standings include its counties the person may read."""
    committee = scope["committee"]
    return [
        c.pk for c in scope["committees"] if c.pk == committee.pk or c.parent_id == committee.pk
    ]


@login_required
def standings(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    ids = _rollup_ids(scope)
    context = {
        **scope,
        "figures": figures(committee_ids=ids, year=scope["year"]),
        "ranking": ranking(committee_ids=ids, year=scope["year"]),
        "by_committee": distribution(
            committee_ids=ids, year=scope["year"], by="committee__short_name"
        ),
        "by_sector": distribution(committee_ids=ids, year=scope["year"], by="member__sector__name"),
        "by_special": distribution(
            committee_ids=ids, year=scope["year"], by="member__special_committee__name"
        ),
        "grades": dict(Grade.choices),
        "published": is_published(scope["committee"].pk, scope["year"]),
        "can_manage": can_manage_duty(request.user, scope["committee"]),
    }
    return render(request, "duty/standings.html", context)


@login_required
@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    check_manage_duty_permission(request.user, scope["committee"])
    try:
        count = recompute_year(committee=scope["committee"], year=scope["year"])
        messages.success(
            request,
            _("已重新计算 %(n)s 名委员的 %(year)s 年度履职积分。")
            % {"n": count, "year": scope["year"]},
        )
    except YearClosedError as error:
        show_as_messages(request, error)
    return _back("duty:standings", scope)


@login_required
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    try:
        publish_year(actor=request.user, committee=scope["committee"], year=scope["year"])
        messages.success(
            request,
            _("%(year)s 年度考评结果已发布，此后修改规则不再影响该年度。")
            % {"year": scope["year"]},
        )
    except (YearClosedError, ValueError) as error:
        show_as_messages(request, error)
    return _back("duty:standings", scope)


@login_required
def warnings(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    committee, year = scope["committee"], scope["year"]
    can_manage = can_manage_duty(request.user, committee)
    issued = list_warnings(committee_ids=[committee.pk], year=year)
    # Staff read who issued, talked to and cleared each warning, and when.
    issued = attach_histories(issued) if can_manage else issued
    context = {
        **scope,
        "due": due_warnings(committee=committee, year=year),
        # Each warning with the steps the person may take on it (the talk, the override).
        "issued": [(w, actions_for(w, request.user, workflow=DUTY_WARNING)) for w in issued],
        "can_manage": can_manage,
    }
    return render(request, "duty/warnings.html", context)


@login_required
@require_POST
def warnings_issue(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    count = issue_warnings(actor=request.user, committee=scope["committee"], year=scope["year"])
    messages.success(request, _("新列入预警名单 %(n)s 人，已通知本人。") % {"n": count})
    return _back("duty:warnings", scope)


@login_required
def recognitions(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    committee = scope["committee"]
    can_manage = can_manage_duty(request.user, committee)
    form = RecognitionForm(request.POST or None, committee=committee)
    if request.method == "POST":
        check_manage_duty_permission(request.user, committee)
        if form.is_valid():
            record_recognition(actor=request.user, **form.cleaned_data)
            messages.success(request, _("已登记。"))
            return _back("duty:recognitions", scope)
    items = list_recognitions(committee_ids=_rollup_ids(scope)).order_by("-occurred_on", "-id")[
        :300
    ]
    if can_manage:
        items = attach_histories(items)
    context = {**scope, "items": items, "form": form, "can_manage": can_manage}
    return render(request, "duty/recognitions.html", context)


@login_required
@require_POST
def recognition_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = get_object_or_404(Recognition, pk=pk)
    check_manage_duty_permission(request.user, recognition.committee_id)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        withdraw_recognition(
            actor=request.user, recognition=recognition, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("已撤销，相应履职记录已冲销。"))
    else:
        messages.error(request, _("撤销原因：请填写。"))
    return redirect_to("duty:recognitions", query={"committee": recognition.committee_id})


EXPORT_NAMES = {
    "standings": "履职积分",
    "five_ones": "五个一完成情况",
    "three_highs": "三高考评结果",
    "warnings": "履职预警与约谈",
}


@login_required
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """The office's yearly lists as Excel, for the committee (with its counties) and year the
    person may read, the same rows the standings page shows."""
    if kind not in KINDS:
        raise Http404
    scope = scope_of(request)
    content = duty_workbook(
        kind=kind,
        committee=scope["committee"],
        committee_ids=_rollup_ids(scope),
        year=scope["year"],
    )
    name = f"{scope['committee'].short_name}{scope['year']}年{EXPORT_NAMES[kind]}.xlsx"
    return download(content, filename=name, content_type=XLSX)
