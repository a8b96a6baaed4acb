"""Attachments: at most five per proposal (configurable), pdf/doc/docx/jpg/png judged by their
content rather than their name, 32 MB each; stored outside the web root."""

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core.models import User

from .. import rules
from ..models import Attachment, Proposal, ProposalState
from ..permissions import is_proposer
from .transitions import WorkflowError

# Leading bytes of each allowed type; .doc is an OLE2 compound file, .docx a ZIP package.
SIGNATURES = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword", (".doc",)),
    (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
)
EDITABLE = (ProposalState.DRAFT, ProposalState.RETURNED)


def sniff(upload: UploadedFile) -> str | None:
    """The content type the file's bytes and extension agree on, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    name = (upload.name or "").lower()
    for magic, content_type, extensions in SIGNATURES:
        if head.startswith(magic) and name.endswith(extensions):
            return content_type
    return None


def add_attachment(*, proposal: Proposal, actor: User, upload: UploadedFile) -> Attachment:
    if not is_proposer(actor, proposal):
        raise PermissionDenied(_("只有提案者可以上传附件。"))
    limit_mb = rules.rule(proposal.committee_id, "attachment_max_mb")
    if upload.size > limit_mb * 1024 * 1024:
        raise WorkflowError(_("附件“%(n)s”：超过%(m)sMB。") % {"n": upload.name, "m": limit_mb})
    content_type = sniff(upload)
    if content_type is None:
        raise WorkflowError(
            _("附件“%(n)s”：只能上传 pdf、doc、docx、jpg、png 文件。") % {"n": upload.name}
        )
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.state not in EDITABLE:
            raise WorkflowError(_("提案已提交，不能再添加附件。"))
        limit = rules.rule(locked.committee_id, "max_attachments")
        if locked.attachments.filter(is_deleted=False).count() >= limit:
            raise WorkflowError(_("附件：最多上传%(n)s个。") % {"n": limit})
        return Attachment.objects.create(
            committee_id=locked.committee_id,
            proposal=locked,
            file=upload,
            original_name=upload.name[:200],
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
        )


def remove_attachment(*, attachment: Attachment, actor: User) -> Attachment:
    """Soft delete while the proposal is still editable."""
    if not is_proposer(actor, attachment.proposal):
        raise PermissionDenied(_("只有提案者可以删除附件。"))
    if attachment.proposal.state not in EDITABLE:
        raise WorkflowError(_("提案已提交，不能再删除附件。"))
    attachment.is_deleted = True
    attachment.save(update_fields=["is_deleted"])
    return attachment
