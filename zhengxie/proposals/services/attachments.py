"""Attachments: at most five per proposal (configurable), pdf/doc/docx/jpg/png judged by their
content rather than their name (the core upload store), 32 MB each; stored outside the web
root under generated names, written only once the proposal's lock confirms they may be."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core import uploads
from zhengxie.core.models import User
from zhengxie.core.rules import rule
from zhengxie.core.workflow import InvalidInput, WorkflowError

from .. import rules
from ..models import Attachment, Proposal
from ..permissions import is_proposer
from ..workflow import EDIT, allows

ACCEPTED = (uploads.PDF, uploads.DOC, uploads.DOCX, uploads.JPEG, uploads.PNG)


def add_attachment(*, proposal: Proposal, actor: User, upload: UploadedFile) -> Attachment:
    if not is_proposer(actor, proposal):
        raise PermissionDenied(_("只有提案者可以上传附件。"))
    limit_mb = rule(proposal.committee_id, rules.ATTACHMENT_MAX_MB)
    try:
        checked = uploads.check_upload(
            upload, field="file", label=_("附件"), accept=ACCEPTED, max_bytes=limit_mb * 1048576
        )
    except ValidationError as error:
        raise InvalidInput(error.messages[0], field="file") from error
    with uploads.saving() as files, transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not allows(locked.state, EDIT):
            raise WorkflowError(_("提案已提交，不能再添加附件。"))
        limit = rule(locked.committee_id, rules.MAX_ATTACHMENTS)
        if locked.attachments.filter(is_deleted=False).count() >= limit:
            raise InvalidInput(_("附件：最多上传%(n)s个。") % {"n": limit}, field="file")
        return Attachment.objects.create(
            committee_id=locked.committee_id,
            proposal=locked,
            file=files.save(checked, folder="proposals"),
            original_name=checked.name[:200],
            content_type=checked.kind.content_type,
            size=checked.size,
            uploaded_by=actor,
        )


def remove_attachment(*, attachment: Attachment, actor: User) -> Attachment:
    """Soft delete while the proposal is still editable."""
    if not is_proposer(actor, attachment.proposal):
        raise PermissionDenied(_("只有提案者可以删除附件。"))
    if not allows(attachment.proposal.state, EDIT):
        raise WorkflowError(_("提案已提交，不能再删除附件。"))
    attachment.is_deleted = True
    attachment.save(update_fields=["is_deleted"])
    return attachment
