"""The culture-and-history hall: staff curate exhibitions and their items."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core import uploads
from zhengxie.core.models import Committee
from zhengxie.core.permissions import check_office

from ..models import Exhibition, ExhibitItem
from ..search_index import index_exhibition

HALL_IMAGE_MAX_BYTES = 5 * 1024 * 1024


def save_exhibition(
    *, actor, committee: Committee, exhibition: Exhibition | None = None, **fields
) -> Exhibition:
    """Create or edit an exhibition; only the committee's staff curate."""
    check_office(actor, committee)
    if not (fields.get("title") or "").strip():
        raise ValidationError({"title": _("展览名称：不能为空。")})
    exhibition = exhibition or Exhibition(committee=committee)
    for name, value in fields.items():
        setattr(exhibition, name, value)
    exhibition.full_clean()
    exhibition.save()
    index_exhibition(exhibition)
    return exhibition


def add_exhibit_item(
    *,
    actor,
    exhibition: Exhibition,
    title: str,
    description: str,
    caption: str = "",
    period: str = "",
    image: UploadedFile | None = None,
) -> ExhibitItem:
    check_office(actor, exhibition.committee_id)
    if not title.strip() or not description.strip():
        raise ValidationError({"title": _("展品名称和说明：不能为空。")})
    checked = None
    if image is not None:
        checked = uploads.check_upload(
            image,
            field="image",
            label=_("图片"),
            accept=uploads.IMAGES,
            max_bytes=HALL_IMAGE_MAX_BYTES,
        )
    with uploads.saving() as files, transaction.atomic():
        item = ExhibitItem(
            exhibition=exhibition,
            title=title,
            description=description,
            caption=caption,
            period=period,
            sort_order=exhibition.items.count(),
        )
        if checked:
            item.image = files.save(checked, folder="portal/hall")
        item.save()
        index_exhibition(exhibition)
    return item
