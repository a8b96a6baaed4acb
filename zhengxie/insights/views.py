from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhengxie.core.models import Committee, CommitteeLevel
from zhengxie.core.uploads import serve_upload
from zhengxie.core.web.errors import show_as_messages, show_on_form
from zhengxie.core.web.params import year_param
from zhengxie.core.web.redirects import redirect_to, redirect_with_success

from .cards import COCKPIT, render_cards, section_cards
from .exports import FORMATS
from .forms import ReviewDraftForm, ScopeForm
from .links import figure_links
from .models import ReviewJob
from .permissions import can_edit_review, check_rollup_permission, dashboard_committee_ids
from .review import DEFAULT_PROSE, flatten, show
from .scope import default_scope
from .selectors import annual_figures, draft_history
from .services import (
    draft_rollup,
    publish_review_draft,
    request_annual_review,
    review_document,
    review_draft,
    save_review_draft,
)

MODULES = {
    "proposals": gettext_lazy("提案"),
    "opinions": gettext_lazy("社情民意"),
    "activities": gettext_lazy("履职活动"),
    "grassroots": gettext_lazy("一线协商"),
    "jobs": gettext_lazy("就业服务"),
    "members": gettext_lazy("委员履职"),
}


def _scope(request: HttpRequest) -> tuple[ScopeForm, Committee, int, bool]:
    """Parse ?committee=&year=&rollup=, defaulting to the reader's own top committee and the
    year of its newest plenary with registered proposals; 403 for a committee not readable."""
    ids = dashboard_committee_ids(request.user)
    default, year = default_scope(request.user)
    initial = {"committee": default.pk, "year": year, "rollup": True}
    data = request.GET if "committee" in request.GET else initial
    form = ScopeForm(data, committee_ids=ids)
    if not form.is_valid():
        form = ScopeForm(initial, committee_ids=ids)
        form.is_valid()
    committee, year = form.cleaned_data["committee"], form.cleaned_data["year"]
    rollup = form.cleaned_data["rollup"] and committee.level != CommitteeLevel.COUNTY
    check_rollup_permission(request.user, committee, rollup)
    return form, committee, year, rollup


@login_required
def cockpit(request: HttpRequest) -> HttpResponse:
    form, committee, year, rollup = _scope(request)
    figures = annual_figures(committee=committee, year=year, rollup=rollup)
    cards = render_cards(COCKPIT, figures, figure_links(committee, year))
    context = {
        "form": form,
        "figures": figures,
        "cards": cards,
        "modules": MODULES,
        "chart_data": _chart_data(figures),
    }
    return render(request, "insights/cockpit.html", context)


@login_required
def module(request: HttpRequest, name: str) -> HttpResponse:
    if name not in MODULES:
        raise Http404
    form, committee, year, rollup = _scope(request)
    figures = annual_figures(committee=committee, year=year, rollup=rollup)
    links = figure_links(committee, year).get(name, {})
    context = {
        "form": form,
        "figures": figures,
        "cards": section_cards(figures[name], links),
        "name": name,
        "title": MODULES[name],
        "modules": MODULES,
    }
    return render(request, "insights/module.html", context)


@login_required
def review(request: HttpRequest) -> HttpResponse:
    form, committee, year, rollup = _scope(request)
    document = review_document(committee=committee, year=year, rollup=rollup)
    jobs = ReviewJob.objects.filter(committee=committee, year=year, requested_by=request.user)[:5]
    context = {
        "form": form,
        "figures": document.figures,
        "document": document,
        "jobs": jobs,
        "formats": FORMATS,
        "committee": committee,
        "year": year,
        "rollup": rollup,
    }
    return render(request, "insights/review.html", context)


def _draft_page(request, committee, year, form=None) -> HttpResponse:
    draft = review_draft(committee=committee, year=year)
    rollup = draft_rollup(committee)
    figures = annual_figures(committee=committee, year=year, rollup=rollup)
    editable = can_edit_review(request.user, committee) and not (draft and draft.is_published)
    prose = draft.prose if draft else DEFAULT_PROSE
    context = {
        "committee": committee,
        "year": year,
        "rollup": rollup,
        "draft": draft,
        "document": review_document(committee=committee, year=year, rollup=rollup),
        "editable": editable,
        "form": form or ReviewDraftForm(initial={"prose": prose}),
        "fields": [(key, show(key, value)) for key, value in flatten(figures).items()],
        "history": draft_history(draft) if draft else [],
    }
    return render(request, "insights/review_draft.html", context)


@login_required
def review_draft_page(request: HttpRequest) -> HttpResponse:
    """The office's draft of the review: its prose with live fields, the edits so far, and
    publication; leaders read it."""
    if request.method != "POST":
        _form, committee, year, _rollup = _scope(request)
        return _draft_page(request, committee, year)
    committee = get_object_or_404(Committee, pk=request.POST.get("committee"))
    year = year_param(request, default=timezone.localdate().year)
    form = ReviewDraftForm(request.POST)
    form.is_valid()
    try:
        save_review_draft(
            actor=request.user, committee=committee, year=year, prose=form.cleaned_data["prose"]
        )
    except ValidationError as error:
        show_on_form(form, error)
        return _draft_page(request, committee, year, form=form)
    return redirect_with_success(
        request,
        _("回眸稿已保存。"),
        "insights:review_draft",
        query={"committee": committee.pk, "year": year},
    )


@login_required
@require_POST
def review_publish(request: HttpRequest) -> HttpResponse:
    committee = get_object_or_404(Committee, pk=request.POST.get("committee"))
    year = year_param(request, default=timezone.localdate().year)
    try:
        draft = publish_review_draft(
            actor=request.user,
            committee=committee,
            year=year,
            byline=request.POST.get("byline", ""),
            source=request.POST.get("source", ""),
        )
    except ValidationError as error:
        show_as_messages(request, error)
        return redirect_to("insights:review_draft", query={"committee": committee.pk, "year": year})
    return redirect_with_success(
        request, _("工作回眸已发布到门户。"), "portal:thread", pk=draft.thread_id
    )


@login_required
@require_POST
def review_generate(request: HttpRequest) -> HttpResponse:
    committee = get_object_or_404(Committee, pk=request.POST.get("committee"))
    job = request_annual_review(
        actor=request.user,
        committee=committee,
        year=year_param(request, default=timezone.localdate().year),
        rollup=request.POST.get("rollup") == "1" and committee.level != CommitteeLevel.COUNTY,
    )
    return redirect("insights:review_job", pk=job.pk)


def _own_job(request: HttpRequest, pk: int) -> ReviewJob:
    job = get_object_or_404(ReviewJob.objects.select_related("committee"), pk=pk)
    check_rollup_permission(request.user, job.committee, job.rollup)
    return job


@login_required
def review_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    template = "insights/review_job.html#progress" if request.htmx else "insights/review_job.html"
    return render(request, template, {"job": job})


@login_required
def review_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    job = _own_job(request, pk)
    field = getattr(job, kind) if kind in FORMATS else None
    if not field:
        raise Http404
    filename = f"{job.committee.name}{job.year}年工作回眸.{kind}"
    return serve_upload(field, filename=filename)


def _chart_data(figures: dict) -> dict:
    p, g, a = figures["proposals"], figures["grassroots"], figures["activities"]
    return {
        "classes": {
            "labels": [_("%(code)s 类") % {"code": code} for code in p["result_classes"]],
            "values": list(p["result_classes"].values()),
        },
        "feedback": {
            "labels": [_("满意"), _("基本满意"), _("不满意")],
            "values": [
                p["feedback"][k] for k in ("satisfied", "basically_satisfied", "dissatisfied")
            ],
        },
        "resolved": {
            "labels": [_("民生实事"), _("企业难题"), _("急难愁盼")],
            "values": [
                g["livelihood_matters_resolved"],
                g["enterprise_difficulties_resolved"],
                g["urgent_concerns_resolved"],
            ],
        },
        "activities": {
            "labels": [_("协商"), _("调研视察报告"), _("理论学习"), _("理论征文"), _("联动履职")],
            "values": [
                a["consultations"],
                a["research_inspection_reports"],
                a["study_sessions"],
                a["essays"],
                a["joint_with_upper"],
            ],
        },
    }
