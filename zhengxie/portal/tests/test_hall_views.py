import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from zhengxie.core.factories import make_upload
from zhengxie.portal.models import Exhibition, Thread


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (121, 85, 61)).save(buffer, format="JPEG")
    return SimpleUploadedFile("bell.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_staff_create_an_exhibition_and_add_an_item_with_an_image(client, staff):
    # given
    client.force_login(staff)
    # when
    response = client.post(
        reverse("portal:exhibition_create"),
        {"slug": "bells", "title": "曾侯乙编钟", "theme": "bronze", "period": "战国早期",
         "summary": "1978年出土", "is_published": "on", "sort_order": 0},
    )  # fmt: skip
    exhibition = Exhibition.objects.get(slug="bells")
    added = client.post(
        reverse("portal:item_add", args=[exhibition.pk]),
        {"title": "甬钟", "description": "中层甬钟", "caption": "甬钟", "image": _jpeg()},
    )
    # then
    assert response.status_code == 302 and added.status_code == 302
    item = exhibition.items.get()
    client.logout()
    image = client.get(reverse("portal:item_image", args=[item.pk]))
    assert image.status_code == 200
    assert b"".join(image.streaming_content)[:2] == b"\xff\xd8"


def test_item_form_refuses_a_file_that_is_not_an_image(client, staff):
    client.force_login(staff)
    client.post(
        reverse("portal:exhibition_create"),
        {"slug": "s", "title": "展览", "theme": "local", "period": "近现代", "summary": "前言",
         "sort_order": 0},
    )  # fmt: skip
    exhibition = Exhibition.objects.get(slug="s")
    fake = SimpleUploadedFile("x.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post(
        reverse("portal:item_add", args=[exhibition.pk]),
        {"title": "伪装文件", "description": "说明", "image": fake},
    )
    assert response.status_code == 400
    assert "图片：“x.jpg”不是可接受的文件" in response.content.decode()
    assert not exhibition.items.exists()


def _exhibition(client) -> Exhibition:
    client.post(
        reverse("portal:exhibition_create"),
        {"slug": "s", "title": "展览", "theme": "local", "period": "近现代", "summary": "前言",
         "is_published": "on", "sort_order": 0},
    )  # fmt: skip
    return Exhibition.objects.get(slug="s")


def test_a_png_uploaded_as_x_html_is_served_to_guests_as_an_inline_png(client, staff):
    # given: staff add an item whose real PNG is named x.html and declared text/html
    client.force_login(staff)
    exhibition = _exhibition(client)
    image = make_upload(name="x.html", kind="png", content_type="text/html")
    client.post(
        reverse("portal:item_add", args=[exhibition.pk]),
        {"title": "展品", "description": "说明", "image": image},
    )
    item = exhibition.items.get()
    client.logout()
    # when
    response = client.get(reverse("portal:item_image", args=[item.pk]))
    # then
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert item.image.name.startswith("portal/hall/") and "x.html" not in item.image.name


def test_an_html_page_renamed_png_is_refused_by_the_hall(client, staff, stored_files):
    client.force_login(staff)
    exhibition = _exhibition(client)
    page = make_upload(name="photo.png", kind="html", content_type="image/png")
    response = client.post(
        reverse("portal:item_add", args=[exhibition.pk]),
        {"title": "展品", "description": "说明", "image": page},
    )
    assert response.status_code == 400
    assert "图片：“photo.png”不是可接受的文件" in response.content.decode()
    assert (exhibition.items.count(), stored_files()) == (0, [])


def test_flush_command_folds_views(client, thread):
    client.get(reverse("portal:thread", args=[thread.pk]))
    client.get(reverse("portal:thread", args=[thread.pk]))
    call_command("flush_thread_views", stdout=io.StringIO())
    assert Thread.objects.get(pk=thread.pk).views == 2
