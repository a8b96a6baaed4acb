"""Office staff configure their committee's points scheme, five ones and evaluation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.web.errors import show_form_errors_as_messages
from zhengxie.core.web.redirects import redirect_to

from ..forms import EvaluationForm, GroupForm, RuleForm, TaskForm
from ..models import AnnualTask, PointsGroup, PointsRule, PointsScheme
from ..permissions import check_manage_duty_permission
from ..services import rules as services
from .scope import scope_of


def _committee(request: HttpRequest):
    committee = scope_of(request)["committee"]
    check_manage_duty_permission(request.user, committee)
    services.ensure_rules(committee=committee)
    return committee


def _back(committee) -> HttpResponse:
    return redirect_to("duty:rules", query={"committee": committee.pk})


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    committee = _committee(request)
    schemes = list(
        PointsScheme.objects.filter(committee=committee).prefetch_related("groups", "rules__group")
    )
    active = next((s for s in schemes if s.is_active), schemes[0])
    context = {
        "committee": committee,
        "committees": scope_of(request)["committees"],
        "schemes": schemes,
        "active": active,
        "rule_form": RuleForm(scheme=active),
        "tasks": [
            (t, TaskForm(instance=t, prefix=f"t{t.pk}"))
            for t in AnnualTask.objects.filter(committee=committee)
        ],
        "evaluation_form": EvaluationForm(initial=EvaluationForm.initial_for(committee)),
    }
    return render(request, "duty/rules.html", context)


@login_required
@require_POST
def scheme_activate(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = get_object_or_404(PointsScheme, pk=pk)
    services.activate_scheme(actor=request.user, committee=scheme.committee, scheme=scheme)
    messages.success(
        request, _("已启用“%(name)s”，本年度积分正在后台重新计算。") % {"name": scheme.name}
    )
    return _back(scheme.committee)


@login_required
@require_POST
def rule_save(request: HttpRequest, scheme_pk: int, pk: int | None = None) -> HttpResponse:
    scheme = get_object_or_404(PointsScheme, pk=scheme_pk)
    check_manage_duty_permission(request.user, scheme.committee)
    if pk:
        instance = get_object_or_404(PointsRule, pk=pk, scheme=scheme)
    else:  # the same kind and role replaces the rule it already has
        instance = PointsRule.objects.filter(
            scheme=scheme,
            kind=request.POST.get("kind", ""),
            role=request.POST.get("role", "").strip(),
        ).first()
    form = RuleForm(request.POST, instance=instance, scheme=scheme)
    if form.is_valid():
        services.save_rule(actor=request.user, rule=form.save(commit=False))
        messages.success(request, _("积分规则已保存，积分正在后台重新计算。"))
    else:
        show_form_errors_as_messages(request, form)
    return _back(scheme.committee)


@login_required
@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(PointsRule.objects.select_related("scheme__committee"), pk=pk)
    services.delete_rule(actor=request.user, rule=rule)
    messages.success(request, _("积分规则已删除。"))
    return _back(rule.scheme.committee)


@login_required
@require_POST
def group_save(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(PointsGroup.objects.select_related("scheme__committee"), pk=pk)
    check_manage_duty_permission(request.user, group.scheme.committee)
    form = GroupForm(request.POST, instance=group, prefix=f"g{group.pk}")
    if form.is_valid():
        services.save_group(actor=request.user, group=form.save(commit=False))
        messages.success(request, _("分组已保存。"))
    else:
        show_form_errors_as_messages(request, form)
    return _back(group.scheme.committee)


@login_required
@require_POST
def task_save(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(AnnualTask, pk=pk)
    check_manage_duty_permission(request.user, task.committee)
    form = TaskForm(request.POST, instance=task, prefix=f"t{task.pk}")
    if form.is_valid():
        form.save(commit=False)
        task.acts = form.cleaned_data["acts_text"]
        services.save_task(actor=request.user, task=task)
        messages.success(request, _("“%(name)s”已保存。") % {"name": task.name})
    else:
        show_form_errors_as_messages(request, form)
    return _back(task.committee)


@login_required
@require_POST
def evaluation_save(request: HttpRequest) -> HttpResponse:
    committee = _committee(request)
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        show_form_errors_as_messages(request, form)
        return _back(committee)
    services.save_evaluation(actor=request.user, committee=committee, values=form.rule_values())
    messages.success(request, _("考评设置已保存，积分正在后台重新计算。"))
    return _back(committee)
