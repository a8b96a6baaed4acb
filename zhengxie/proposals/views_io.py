"""Import, export and similar proposals: the register upload with progress, Excel and Word
downloads, and the similar-proposals panel the record pages include."""

from urllib.parse import quote

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Plenary
from zhengxie.core.permissions import is_office, office_committee_ids, unit_ids_of
from zhengxie.core.spreadsheets import XLSX

from . import exports, selectors
from .forms import RegisterFilterForm
from .imports.jobs import import_state, start_import
from .models import Proposal, Reply, ReplyState
from .permissions import check_read_proposal
from .similarity import similar_to

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def register_export(request: HttpRequest) -> HttpResponse:
    """The register as filtered on its page, only what the person may read."""
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.RegisterFilters(**{k: v for k, v in data.items() if v not in (None, "")})
    proposals = selectors.list_register(user=request.user, filters=filters)
    content = exports.register_workbook(proposals.order_by("plenary_id", "number", "id"))
    return _download(content, "提案登记表.xlsx", XLSX)


@login_required
def proposal_docx(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.select_related("plenary"), pk=pk, is_deleted=False
    )
    check_read_proposal(request.user, proposal)
    name = f"提案表-{proposal.number or proposal.pk}.docx"
    return _download(exports.proposal_document(proposal), name, exports.DOCX)


@login_required
def reply_docx(request: HttpRequest, pk: int, reply_id: int) -> HttpResponse:
    """A sent reply for whoever reads the proposal; a draft only for the office and its unit."""
    reply = get_object_or_404(
        Reply.objects.select_related("proposal__plenary__term", "proposal__committee", "unit"),
        pk=reply_id,
        proposal_id=pk,
    )
    check_read_proposal(request.user, reply.proposal)
    drafting = is_office(request.user, reply.committee_id) or reply.unit_id in unit_ids_of(
        request.user
    )
    if reply.state != ReplyState.SENT and not drafting:
        raise PermissionDenied(_("答复尚未发出。"))
    name = f"{exports.reply_title(reply.proposal)}.docx"
    return _download(exports.reply_letter(reply), name, exports.DOCX)


@login_required
def similar_panel(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False)
    check_read_proposal(request.user, proposal)
    similar = similar_to(proposal, reader=request.user, top=5)
    return render(request, "proposals/io/_similar.html", {"similar": similar})


class RegisterUploadForm(forms.Form):
    plenary = forms.ModelChoiceField(label=_("会议"), queryset=Plenary.objects.none())
    file = forms.FileField(label=_("提案登记表（.xlsx）"))
    dry_run = forms.BooleanField(label=_("只校验，不写入"), required=False)

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
        )
        return redirect("proposals:import_progress", token=token)
    return render(request, "proposals/io/upload.html", {"form": form})


@login_required
def import_progress(request: HttpRequest, token: str) -> HttpResponse:
    """Polled by htmx every second until the job has finished."""
    state = import_state(token)
    if state is None or state["user_id"] != request.user.pk:
        raise Http404(_("没有这次导入的记录。"))
    finished = state["status"] in ("done", "failed")
    percent = (
        100 if finished else int(state["done"] * 100 / state["total"]) if state["total"] else 0
    )
    context = {"state": state, "token": token, "finished": finished, "percent": percent}
    if request.htmx:
        return render(request, "proposals/io/_progress.html", context)
    return render(request, "proposals/io/progress.html", context)
