"""The department's workspace for reports the office forwarded to it, as handling units have
one for proposals: the list, and the page to answer (or correct the answer) on."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.redirects import redirect_with_success

from .. import permissions as perms
from .. import selectors, services
from ..models import OpinionReport

LIST_LIMIT = 200


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("办理情况"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("写明对所反映问题的调查核实、采取的措施和下一步打算。"),
    )


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    unit_ids = perms.check_unit_workspace_permission(request.user)
    reports = list(selectors.list_forwarded_to_units(unit_ids=unit_ids)[:LIST_LIMIT])
    context = {"reports": reports, "limit": LIST_LIMIT}
    return render(request, "opinions/unit.html", context)


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        OpinionReport.objects.select_related("committee", "forwarded_unit"),
        pk=pk,
        is_deleted=False,
    )
    perms.check_answer_permission(request.user, report)
    existing = selectors.get_answer(report)
    initial = {"text": existing.text} if existing else None
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_forwarded_report(
                report=report, actor=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(request, _("已提交办理回复。"), "opinions:unit")
    context = {"report": report, "form": form, "answer": existing}
    return render(request, "opinions/answer.html", context)
