"""The office's pages for its committee's rules (规则设置): every declared rule with its value,
and one rule's page to change it, see its history and restore the default."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.rule_values import RuleValueForm, editable
from ..permissions import office_committee_ids
from ..rules import Rule, declarations
from ..rules.overview import get_rule_row, list_rules, rule_history
from ..services.rules import restore_rule_default, set_rule
from ..web.errors import show_on_form
from ..web.redirects import redirect_to, redirect_with_success
from ..web.scoping import committee_switch


def _declared(key: str) -> Rule:
    found = next((r for r in declarations() if r.key == key), None)
    if found is None:
        raise Http404
    return found


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    switch = committee_switch(request, office_committee_ids(request.user))
    groups = list_rules(user=request.user, committee=switch["committee"])
    return render(request, "core/rule_list.html", {**switch, "groups": groups})


@login_required
def rule_edit(request: HttpRequest, key: str) -> HttpResponse:
    declared = _declared(key)
    switch = committee_switch(request, office_committee_ids(request.user))
    committee = switch["committee"]
    row = get_rule_row(user=request.user, committee=committee, declared=declared)
    if row.page or not editable(declared.kind):
        return redirect_to(row.page or "core:rule_list", query={"committee": committee.pk})
    form = RuleValueForm(
        request.POST or None, kind=declared.kind, label=str(declared.label), value=row.value
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_rule(actor=request.user, committee=committee, key=key, value=form.rule_value())
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request,
                _("“%(rule)s”已保存，即时生效。") % {"rule": declared.label},
                "core:rule_edit",
                key,
                query={"committee": committee.pk},
            )
    history = rule_history(user=request.user, committee=committee, declared=declared)
    context = {**switch, "row": row, "form": form, "history": history}
    return render(request, "core/rule_form.html", context)


@login_required
@require_POST
def rule_restore(request: HttpRequest, key: str) -> HttpResponse:
    declared = _declared(key)
    committee = committee_switch(request, office_committee_ids(request.user))["committee"]
    restore_rule_default(actor=request.user, committee=committee, key=key)
    return redirect_with_success(
        request,
        _("“%(rule)s”已恢复默认值。") % {"rule": declared.label},
        "core:rule_edit",
        key,
        query={"committee": committee.pk},
    )
