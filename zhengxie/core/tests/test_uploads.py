import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile

from zhengxie.core import uploads
from zhengxie.core.factories import make_upload
from zhengxie.portal.models import ExhibitItem

ANY = (*uploads.IMAGES, *uploads.DOCUMENTS)


def _check(upload, *, accept=ANY, max_bytes=1_000_000) -> uploads.CheckedUpload:
    return uploads.check_upload(
        upload, field="file", label="附件", accept=accept, max_bytes=max_bytes
    )


def _stored(name: str, data: bytes) -> FieldFile:
    from django.core.files.base import ContentFile

    saved = default_storage.save(name, ContentFile(data))
    return ExhibitItem._meta.get_field("image").attr_class(None, ExhibitItem.image.field, saved)


def test_type_comes_from_the_bytes_not_the_name(db):
    # given: a real PNG the uploader calls x.html
    upload = make_upload(name="x.html", kind="png", content_type="text/html")
    # when
    checked = _check(upload, accept=uploads.IMAGES)
    # then
    assert checked.kind == uploads.PNG
    assert (checked.name, checked.width, checked.height) == ("x.png", 40, 30)


@pytest.mark.parametrize("kind", ["html", "svg"])
def test_markup_renamed_as_an_image_is_refused_naming_the_field(kind):
    upload = make_upload(name="photo.png", kind=kind, content_type="image/png")
    with pytest.raises(ValidationError) as refused:
        _check(upload, accept=uploads.IMAGES)
    assert refused.value.message_dict["file"] == [
        "附件：“photo.png”不是可接受的文件，只接受 PNG、JPEG、GIF、WebP 格式。"
    ]


@pytest.mark.parametrize("kind", ["html", "svg"])
def test_markup_is_not_accepted_even_where_text_files_are(kind):
    with pytest.raises(ValidationError, match="不是可接受的文件"):
        _check(make_upload(name="notes.txt", kind=kind))


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("pdf", uploads.PDF), ("docx", uploads.DOCX), ("txt", uploads.TXT), ("gif", uploads.GIF)],
)
def test_documents_are_told_by_their_magic_numbers(kind, expected):
    assert _check(make_upload(name="a.bin", kind=kind)).kind == expected


def test_files_over_the_limit_are_refused_before_they_are_read():
    with pytest.raises(ValidationError, match=r"附件：“upload\.png”超过 0\.0 MB"):
        _check(make_upload(kind="png"), max_bytes=100)


def test_display_name_drops_folders_and_controls_and_takes_the_detected_extension():
    assert uploads.display_name("../../etc/年度\x00报告.exe", uploads.PDF) == "年度报告.pdf"
    assert uploads.display_name("", uploads.PNG, default="图片") == "图片.png"


def test_stored_names_are_generated_and_never_the_uploaders(stored_files):
    # given
    checked = _check(make_upload(name="../evil name.html", kind="png"))
    # when
    with uploads.saving() as batch:
        name = batch.save(checked, folder="tests")
    # then
    assert stored_files() == [name]
    assert name.startswith("tests/") and name.endswith(".png")
    assert "evil" not in name and "html" not in name


def test_a_failed_write_deletes_the_files_it_saved(stored_files):
    checked = _check(make_upload(kind="png"))
    with pytest.raises(RuntimeError), uploads.saving() as batch:
        batch.save(checked, folder="tests")
        raise RuntimeError("the row could not be written")
    assert stored_files() == []


def test_hourly_upload_allowance_is_counted_per_person():
    uploads.count_uploads(user_id=7, count=2, per_hour=3, field="image", label="图片")
    with pytest.raises(ValidationError, match="图片：每小时最多上传 3 个文件"):
        uploads.count_uploads(user_id=7, count=2, per_hour=3, field="image", label="图片")
    uploads.count_uploads(user_id=8, count=3, per_hour=3, field="image", label="图片")


def test_an_allowed_image_is_served_inline_whatever_it_was_called(db):
    # given: a row stored before the store, named x.html by its uploader
    file = _stored("legacy/x.html", make_upload(kind="png").read())
    # when
    response = uploads.serve_upload(file)
    # then
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="x.png"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("kind", ["svg", "html"])
def test_svg_and_html_are_never_served_inline(db, kind):
    file = _stored(f"legacy/drawing.{kind}", make_upload(kind=kind).read())
    response = uploads.serve_upload(file, filename=f"drawing.{kind}")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="drawing.bin"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_is_served_as_an_attachment_with_an_rfc5987_name(db):
    file = _stored("legacy/a.pdf", make_upload(kind="pdf").read())
    response = uploads.serve_upload(file, filename="调研报告.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E8%B0%83%E7%A0%94%E6%8A%A5%E5%91%8A.pdf"
    )
