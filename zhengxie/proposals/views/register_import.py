"""The register upload: an office picks the plenary and the workbook, then watches the import
run in the background."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Plenary
from zhengxie.core.permissions import office_committee_ids

from ..imports.jobs import import_state, start_import

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class RegisterUploadForm(forms.Form):
    plenary = forms.ModelChoiceField(label=_("会议"), queryset=Plenary.objects.none())
    file = forms.FileField(label=_("提案登记表（.xlsx）"))
    dry_run = forms.BooleanField(label=_("只校验，不写入"), required=False)
    credit_duty = forms.BooleanField(
        label=_("计入提案者履职积分"),
        required=False,
        help_text=_(
            "历史登记表可选：已立案的提案按立案日期计入名册中提案者和联名人的履职记录；"
            "重复导入不会重复计分。只校验时显示将计入多少条。"
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        committees = office_committee_ids(user)
        self.fields["plenary"].queryset = Plenary.objects.filter(
            committee_id__in=committees
        ).select_related("committee")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("文件：请上传 .xlsx 格式的 Excel 文件"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件：不能超过 20 MB"))
        return upload


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if not office_committee_ids(request.user):
        raise PermissionDenied(_("只有政协机关工作人员可以导入提案登记表。"))
    form = RegisterUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = start_import(
            user=request.user,
            plenary=form.cleaned_data["plenary"],
            file_name=upload.name,
            content=upload.read(),
            dry_run=form.cleaned_data["dry_run"],
            credit_duty=form.cleaned_data["credit_duty"],
        )
        return redirect("proposals:import_progress", token=token)
    return render(request, "proposals/io/upload.html", {"form": form})


@login_required
def import_progress(request: HttpRequest, token: str) -> HttpResponse:
    """Polled by htmx every second until the job has finished."""
    state = import_state(token)
    if state is None or state.uploaded_by_id != request.user.pk:
        raise Http404(_("没有这次导入的记录。"))
    finished = state.is_finished
    percent = 100 if finished else int(state.done * 100 / state.total) if state.total else 0
    context = {"state": state, "token": token, "finished": finished, "percent": percent}
    if request.htmx:
        return render(request, "proposals/io/_progress.html", context)
    return render(request, "proposals/io/progress.html", context)
