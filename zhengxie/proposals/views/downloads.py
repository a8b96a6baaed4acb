"""The register as Excel, a proposal's form and a reply letter as Word."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from zhengxie.core.permissions import is_office, unit_ids_of
from zhengxie.core.web.downloads import DOCX, XLSX, download

from .. import exports, selectors
from ..forms import RegisterFilterForm
from ..models import Proposal, Reply, ReplyState
from ..permissions import check_read_proposal


@login_required
def register_export(request: HttpRequest) -> HttpResponse:
    """The register as filtered on its page, only what the person may read."""
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.RegisterFilters(**{k: v for k, v in data.items() if v not in (None, "")})
    proposals = selectors.list_register(user=request.user, filters=filters)
    content = exports.register_workbook(proposals.order_by("plenary_id", "number", "id"))
    return download(content, filename="提案登记表.xlsx", content_type=XLSX)


@login_required
def proposal_docx(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.select_related("plenary"), pk=pk, is_deleted=False
    )
    check_read_proposal(request.user, proposal)
    name = f"提案表-{proposal.number or proposal.pk}.docx"
    return download(exports.proposal_document(proposal), filename=name, content_type=DOCX)


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
    return download(exports.reply_letter(reply), filename=name, content_type=DOCX)
