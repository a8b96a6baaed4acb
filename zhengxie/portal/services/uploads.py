"""Forum images through the core upload store: checked by their bytes before anything else
is decided, counted against the person's hourly upload allowance with the posting limits,
and written only inside the transaction of the post they belong to, so a refused or failed
post leaves no file behind."""

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from zhengxie.core import uploads
from zhengxie.core.rules import rule

from .. import rules
from ..models import Attachment, Post


def check_post_images(
    *, committee_id: int, images: Sequence[UploadedFile]
) -> list[uploads.CheckedUpload]:
    """Raises a ValidationError naming the image field; writes nothing."""
    return uploads.check_uploads(
        images,
        field="image",
        label=_("图片"),
        accept=uploads.IMAGES,
        max_bytes=rule(committee_id, rules.IMAGE_MAX_BYTES),
    )


def attach_images(
    *, post: Post, images: Sequence[uploads.CheckedUpload], files: uploads.UploadBatch
) -> list[Attachment]:
    """Store the checked images with their post, dated by it; call inside
    `uploads.saving()`."""
    return [
        Attachment.objects.create(
            committee_id=post.committee_id,
            post=post,
            uploader_id=post.author_id,
            file=files.save(image, folder="portal/attachments"),
            original_name=image.name[:120],
            content_type=image.kind.content_type,
            size=image.size,
            is_image=image.kind.inline,
            width=image.width,
            height=image.height,
            created_at=post.created_at,
        )
        for image in images
    ]
