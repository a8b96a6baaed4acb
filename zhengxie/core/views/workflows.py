"""The one page every workflow step is taken from, and each app's "how it works" page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..permissions import office_committee_ids
from ..web.errors import show_as_messages, show_on_form
from ..web.redirects import redirect_with_success
from ..workflow import OVERRIDE, WorkflowError, apply, may_take, override
from ..workflow.describe import table_rows
from ..workflow.diagram import render_svg
from ..workflow.forms import OverrideForm, step_form
from ..workflow.registry import workflows_of_app
from ..workflow.steps import find_record


@login_required
def act(request: HttpRequest, name: str, pk: int, step: str) -> HttpResponse:
    workflow, record = find_record(name, pk)
    if step != OVERRIDE and not workflow.has_transition(step):
        raise Http404
    back = workflow.url_of(record)
    if not may_take(record, step, request.user, workflow=workflow):
        if step == OVERRIDE or not workflow.transition(step).may(request.user, record):
            raise PermissionDenied(_("您无权执行该操作。"))
        messages.error(request, _("该记录当前状态下不能执行此操作，请刷新页面。"))
        return redirect(back)
    if step == OVERRIDE:
        return _override(request, workflow, record, back)
    transition = workflow.transition(step)
    if transition.page:
        return redirect(transition.page, record.pk)
    form = step_form(workflow, transition, record, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        seen, reason = data.pop("seen_state", "") or None, data.pop("reason", "")
        try:
            apply(record, step, request.user, workflow=workflow, reason=reason,
                  expected_state=seen, **data)  # fmt: skip
        except ValidationError as error:
            show_on_form(form, error)
        except WorkflowError as error:
            show_as_messages(request, error)
            return redirect(back)
        else:
            return redirect_with_success(
                request, _("已%(action)s。") % {"action": transition.label}, back
            )
    context = {"record": record, "workflow": workflow, "label": transition.label, "form": form}
    return render(request, "core/workflow_act.html", {**context, "back": back})


def _override(request, workflow, record, back):
    form = OverrideForm(request.POST or None, workflow=workflow, record=record)
    if request.method == "POST" and form.is_valid():
        try:
            override(record, workflow=workflow, actor=request.user, **form.cleaned_data)
        except WorkflowError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(request, _("已强制调整状态。"), back)
    context = {"record": record, "workflow": workflow, "label": _("强制调整状态"), "form": form}
    return render(request, "core/workflow_act.html", {**context, "back": back})


@login_required
def guide(request: HttpRequest, app_label: str) -> HttpResponse:
    """How the app's records move: each workflow's diagram and its table, for the office."""
    if not office_committee_ids(request.user):
        raise PermissionDenied(_("只有政协机关工作人员可以查看业务流程说明。"))
    workflows = workflows_of_app(app_label)
    if not workflows:
        raise Http404
    tables = [
        {
            "workflow": w,
            "svg": render_svg(w),
            "rows": table_rows(w),
        }
        for w in workflows
    ]
    return render(request, "core/workflow_guide.html", {"tables": tables})
