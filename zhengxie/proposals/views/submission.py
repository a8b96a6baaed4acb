"""Writing a proposal: the form with htmx autosave, attachments, co-signing answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.uploads import serve_upload
from zhengxie.core.web.errors import show_as_messages
from zhengxie.core.web.redirects import redirect_with_success

from .. import services
from ..forms import AttachmentForm, ProposalForm
from ..models import Attachment, Proposal
from ..permissions import (
    check_read_proposal,
    check_see_similar_while_writing,
    check_write_proposal,
)
from ..selectors.reading import SIMILAR_MIN_CHARS, get_invitation, writing_committee_id
from ..services.attachments import add_attachment, remove_attachment
from ..similarity import similar_proposals

DRAFT_FIELDS = services.submission.DRAFT_FIELDS
SIMILAR_TEXT_FIELDS = ("title", "situation", "analysis", "suggestion")


@login_required
def new(request: HttpRequest) -> HttpResponse:
    committee = services.committee_for_new_draft(request.user)
    form = ProposalForm(request.POST or None, committee=committee)
    form.watch_similar(reverse("proposals:similar_new"))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in DRAFT_FIELDS}
        proposal = services.create_draft(author=request.user, committee=committee, **data)
        return _after_save(request, proposal, form)
    return render(request, "proposals/edit.html", {"form": form, "committee": committee})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False)
    check_write_proposal(request.user, proposal)
    form = ProposalForm(request.POST or None, instance=proposal, committee=proposal.committee)
    form.watch_similar(reverse("proposals:similar_draft", args=[proposal.pk]))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in DRAFT_FIELDS}
        try:
            proposal = services.save_draft(proposal=proposal, author=request.user, **data)
        except services.WorkflowError as error:
            show_as_messages(request, error)
            return redirect("proposals:detail", pk)
        return _after_save(request, proposal, form)
    context = {
        "form": form,
        "proposal": proposal,
        "committee": proposal.committee,
        "upload_form": AttachmentForm(),
        "attachments": proposal.attachments.filter(is_deleted=False),
    }
    return render(request, "proposals/edit.html", context)


def _after_save(request: HttpRequest, proposal: Proposal, form: ProposalForm) -> HttpResponse:
    if "submit" not in request.POST:
        return redirect_with_success(request, _("草稿已保存。"), "proposals:edit", proposal.pk)
    try:
        services.submit_proposal(
            proposal=proposal, actor=request.user, cosigners=list(form.cleaned_data["cosigners"])
        )
    except (ValidationError, services.WorkflowError) as error:
        show_as_messages(request, error)
        return redirect("proposals:edit", proposal.pk)
    return redirect_with_success(request, _("提案已提交。"), "proposals:detail", proposal.pk)


@login_required
@require_POST
def autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: saves the draft as the person types; answers with a short status line."""
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False)
    check_write_proposal(request.user, proposal)
    form = ProposalForm(request.POST, instance=proposal, committee=proposal.committee)
    form.is_valid()
    data = {k: v for k, v in form.cleaned_data.items() if k in DRAFT_FIELDS}
    try:
        services.save_draft(proposal=proposal, author=request.user, **data)
    except services.WorkflowError as error:
        return HttpResponse(error.message, status=409)
    return render(request, "proposals/_autosaved.html")


@login_required
@require_POST
def similar_while_writing(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """htmx: the five proposals of this and past terms most like the text being typed."""
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False) if pk else None
    committee_id = proposal.committee_id if proposal else writing_committee_id(request.user)
    check_see_similar_while_writing(request.user, committee_id, proposal)
    text = "\n".join(request.POST.get(name, "") for name in SIMILAR_TEXT_FIELDS).strip()
    if len(text) < SIMILAR_MIN_CHARS:
        return render(request, "proposals/_similar_hint.html")
    similar = similar_proposals(
        committee=committee_id,
        text=text,
        reader=request.user,
        top=5,
        exclude=[proposal.pk] if proposal else [],
    )
    return render(request, "proposals/io/_similar.html", {"similar": similar})


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False)
    check_write_proposal(request.user, proposal)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_attachment(proposal=proposal, actor=request.user, upload=form.cleaned_data["file"])
            messages.success(request, _("附件已上传。"))
        except services.WorkflowError as error:
            show_as_messages(request, error)
    else:
        messages.error(request, _("附件：请选择文件。"))
    return redirect("proposals:edit", pk)


@login_required
@require_POST
def remove_file(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment, pk=attachment_id, is_deleted=False)
    check_write_proposal(request.user, attachment.proposal)
    try:
        remove_attachment(attachment=attachment, actor=request.user)
    except services.WorkflowError as error:
        show_as_messages(request, error)
    return redirect("proposals:edit", attachment.proposal_id)


@login_required
def download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """Files are served only to those who may read the proposal."""
    attachment = get_object_or_404(Attachment, pk=attachment_id, is_deleted=False)
    check_read_proposal(request.user, attachment.proposal)
    return serve_upload(attachment.file, filename=attachment.original_name)


@login_required
def cosign(request: HttpRequest, pk: int) -> HttpResponse:
    """The invited member reads the proposal and confirms or declines the invitation."""
    invitation = get_invitation(user=request.user, pk=pk)
    proposal = invitation.proposal
    if request.method == "POST":
        try:
            services.respond_cosignature(
                cosignature=invitation, actor=request.user, accept=request.POST.get("accept") == "1"
            )
            messages.success(request, _("已答复联名邀请。"))
        except services.WorkflowError as error:
            show_as_messages(request, error)
        return redirect("proposals:detail", proposal.pk)
    return render(
        request, "proposals/cosign.html", {"proposal": proposal, "invitation": invitation}
    )
