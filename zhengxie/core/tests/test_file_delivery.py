"""Private files after the permission check: through nginx (X-Accel-Redirect) on the local disk,
a short-lived signed URL on object storage, the app itself otherwise; a reader without the
permission gets neither."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse

from zhengxie.core import uploads
from zhengxie.core.factories import make_upload
from zhengxie.core.models import Role
from zhengxie.portal.models import ExhibitItem
from zhengxie.proposals import factories
from zhengxie.proposals.models import Attachment


def _field_file(storage, name: str):
    field = ExhibitItem._meta.get_field("image")
    file = field.attr_class(None, field, name)
    file.storage = storage
    return file


@pytest.fixture
def attachment(city, settings, tmp_path):
    """A PDF a member attached to a draft, on the local disk."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)},
    }}  # fmt: skip
    draft = factories.make_draft(committee=city)
    author = Client()
    author.force_login(draft.created_by)
    upload = make_upload(name="调研报告.pdf", kind="pdf")
    author.post(reverse("proposals:upload", args=[draft.pk]), {"file": upload})
    return author, Attachment.objects.get()


def test_behind_nginx_the_app_checks_and_nginx_sends_the_bytes(attachment, settings):
    # given
    settings.FILES_ACCEL_REDIRECT_PREFIX = "/_uploads/"
    author, stored = attachment
    # when
    response = author.get(reverse("proposals:download", args=[stored.pk]))
    # then nginx is told the internal path; type and name still come from the bytes
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_uploads/{stored.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_reader_without_the_permission_gets_no_redirect(attachment, settings, county, make_user):
    settings.FILES_ACCEL_REDIRECT_PREFIX = "/_uploads/"
    _author, stored = attachment
    outsider = Client()
    outsider.force_login(make_user(Role.MEMBER, county))
    response = outsider.get(reverse("proposals:download", args=[stored.pk]))
    assert response.status_code == 404 and "X-Accel-Redirect" not in response


def test_without_nginx_the_app_sends_the_bytes(attachment):
    author, stored = attachment
    response = author.get(reverse("proposals:download", args=[stored.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "X-Accel-Redirect" not in response


def test_the_kind_is_read_from_the_bytes_once_per_stored_file(tmp_path, db, monkeypatch):
    # given a file stored before this process knew it
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("legacy/a.bin", ContentFile(make_upload(kind="pdf").read()))
    reads = []
    monkeypatch.setattr(uploads, "detect_kind", lambda data: reads.append(1) or (uploads.PDF, 0))
    # when it is served twice
    for _ in range(2):
        uploads.serve_upload(_field_file(storage, name), filename="a")
    # then the bytes were inspected once
    assert len(reads) == 1


def test_on_object_storage_the_reader_is_redirected_to_a_short_lived_signed_url(
    db, settings, monkeypatch
):
    # given an object store (S3 API, as MinIO/OBS/OSS/COS offer); signing needs no network
    from storages.backends.s3 import S3Storage

    settings.FILES_SIGNED_URL_SECONDS = 60
    storage = S3Storage(
        bucket_name="zx-private",
        endpoint_url="http://127.0.0.1:9000",
        access_key="test-key",
        secret_key="test-secret",
        region_name="cn-north-1",
        addressing_style="path",
        signature_version="s3v4",
        querystring_auth=True,
    )
    name = "proposals/attachments/2026/12/abc.pdf"
    # the one read of its bytes (to learn their kind) answered here instead of by the store
    monkeypatch.setattr(storage, "_open", lambda n, mode="rb": ContentFile(b"%PDF-1.4 x", n))
    # when
    response = uploads.serve_upload(_field_file(storage, name), filename="调研报告.pdf")
    # then a redirect to the object, signed for a minute, naming the type and the download name
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    url = urlsplit(response["Location"])
    query = parse_qs(url.query)
    assert (url.netloc, url.path) == ("127.0.0.1:9000", f"/zx-private/{name}")
    assert query["X-Amz-Expires"] == ["60"] and query["X-Amz-Signature"]
    assert query["X-Amz-Credential"][0].startswith("test-key/")
    assert query["response-content-type"] == ["application/pdf"]
    assert query["response-content-disposition"][0].startswith("attachment; filename*=utf-8''")


def test_production_takes_object_storage_from_the_environment(monkeypatch):
    from config.settings.base import media_storage

    assert media_storage()["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    monkeypatch.setenv("S3_BUCKET", "zx")
    monkeypatch.setenv("S3_ENDPOINT_URL", "https://obs.cn-north-4.myhuaweicloud.com")
    configured = media_storage()
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage"
    options = configured["OPTIONS"]
    assert (options["bucket_name"], options["default_acl"]) == ("zx", None)
    assert options["endpoint_url"] == "https://obs.cn-north-4.myhuaweicloud.com"
    assert options["querystring_auth"] and not options["file_overwrite"]
