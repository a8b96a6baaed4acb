"""Uploads checked by content, not by name: Pillow must open and verify an image."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from zhengxie.core.config import get_setting

from .. import rules
from ..models import Attachment

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
MAX_PIXELS = 40_000_000  # refuses decompression bombs long before Pillow's own warning


def inspect_image(upload: UploadedFile, *, max_bytes: int) -> tuple[str, int, int]:
    """Returns (content type, width, height) or raises a ValidationError naming the field."""
    if upload.size > max_bytes:
        raise ValidationError(
            {"image": _("图片：大小不能超过 %(mb).1f MB。") % {"mb": max_bytes / 1048576}}
        )
    data = upload.read()
    upload.seek(0)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format, (width, height) = probe.format, probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError({"image": _("图片：文件不是有效的图片。")}) from error
    if image_format not in IMAGE_FORMATS:
        raise ValidationError({"image": _("图片：只接受 JPEG、PNG、GIF、WEBP 格式。")})
    if width * height > MAX_PIXELS:
        raise ValidationError({"image": _("图片：尺寸过大。")})
    return IMAGE_FORMATS[image_format], width, height


def upload_image(*, user, committee_id: int, upload: UploadedFile) -> Attachment:
    """Store an image a logged-in person is about to put in a post (not yet attached)."""
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("请先登录再上传图片。"))
    max_bytes = get_setting(committee_id, rules.IMAGE_MAX_BYTES)
    content_type, width, height = inspect_image(upload, max_bytes=max_bytes)
    attachment = Attachment(
        committee_id=committee_id,
        uploader=user,
        original_name=(upload.name or "image")[-120:],
        content_type=content_type,
        size=upload.size,
        is_image=True,
        width=width,
        height=height,
    )
    attachment.file.save(upload.name or "image", upload, save=False)
    attachment.save()
    return attachment
