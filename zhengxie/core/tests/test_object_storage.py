"""Uploads on S3-compatible object storage, against a real S3 server on loopback: moto's
`moto_server` speaks the same protocol as the MinIO, OBS, OSS and COS the deployments use. The
attachment goes in through the proposal's upload page, lands in the bucket, and comes back only
to a reader the permission check lets through, by a signed URL the store itself answers.

moto checks no signature on a presigned URL: the store's only signature check reads the
`Authorization` header (moto/iam/access_control.py, IAMRequestBase.__init__ and
check_signature), which a presigned GET does not send, and no part of moto reads
`X-Amz-Expires`; a URL with a changed key, signature or expiry is therefore answered as if
intact, and refusing it is left to the real store. These tests pin what the app controls: the
object is private (no URL without a signature reaches it), the URL is signed by the configured
key for the configured few seconds, the stored key is random and never shown on a page, and no
URL is signed before the permission check has passed."""

import datetime as dt
import importlib.util
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from zhengxie.core.factories import make_upload
from zhengxie.core.models import Role
from zhengxie.proposals import factories
from zhengxie.proposals.models import Attachment

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask") is None,
    reason="moto[server] is not installed: `pip install -r requirements.lock` brings the "
    "S3-compatible test server (a dev dependency)",
)

BUCKET = "zx-private"
ACCESS_KEY, SECRET_KEY = "zx-test-key", "zx-test-secret"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(port: int, server: subprocess.Popen, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"moto_server exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"moto_server did not listen on 127.0.0.1:{port} in {seconds} s")


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto_server on a free loopback port for this module, stopped after it."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_until_listening(port, server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def object_storage(s3_endpoint, settings, monkeypatch):
    """The production storage setting (config.settings.base.media_storage) read from the same
    environment variables an operator sets, against an empty private bucket."""
    import boto3

    from config.settings.base import media_storage

    for name, value in {
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": ACCESS_KEY,
        "S3_SECRET_ACCESS_KEY": SECRET_KEY,
        "S3_ADDRESSING_STYLE": "path",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1",
        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
    )  # fmt: skip
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage()}
    settings.FILES_SIGNED_URL_SECONDS = 60
    yield client
    for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=stored["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def uploaded(object_storage, city):
    """A member's PDF attached to a draft through the upload page."""
    draft = factories.make_draft(committee=city)
    author = Client()
    author.force_login(draft.created_by)
    upload = make_upload(name="调研报告.pdf", kind="pdf")
    response = author.post(reverse("proposals:upload", args=[draft.pk]), {"file": upload})
    assert response.status_code in (200, 302)
    upload.seek(0)
    return author, Attachment.objects.get(), upload.read()


def _fetch(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers, refused.read()


def test_an_upload_is_stored_in_the_bucket(uploaded, object_storage):
    # given / when
    _author, stored, sent = uploaded
    # then the object holds the uploaded bytes under the attachment's stored name
    body = object_storage.get_object(Bucket=BUCKET, Key=stored.file.name)["Body"].read()
    assert body == sent


def test_a_permitted_reader_downloads_it_by_a_signed_url_the_store_answers(uploaded, s3_endpoint):
    # given
    author, stored, sent = uploaded
    # when the author asks the app, then follows the redirect to the store
    response = author.get(reverse("proposals:download", args=[stored.pk]))
    status, headers, body = _fetch(response["Location"])
    # then the store sends the same bytes with the type and name the app signed into the URL
    assert response.status_code == 302 and response["Location"].startswith(s3_endpoint)
    assert "X-Amz-Signature=" in urlsplit(response["Location"]).query
    assert (status, body) == (200, sent)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment; filename*=utf-8''")


def test_a_reader_without_the_permission_gets_no_url(uploaded, county, make_user):
    # given a member of another committee
    _author, stored, _sent = uploaded
    outsider = Client()
    outsider.force_login(make_user(Role.MEMBER, county))
    # when
    response = outsider.get(reverse("proposals:download", args=[stored.pk]))
    # then refused, with no link to the object
    assert response.status_code == 404 and "Location" not in response
    assert BUCKET not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_backup_copies_the_files_from_the_bucket(object_storage, tmp_path):
    # given a file in the bucket, stored through the app's storage setting
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import connections

    from zhengxie.core.backup.archive import backup

    name = default_storage.save("proposals/attachments/报告.txt", ContentFile("履职报告".encode()))
    # when
    manifest = backup(
        settings_dict=connections["default"].settings_dict,
        storage=default_storage,
        output=tmp_path / "backup",
    )
    # then the backup holds its bytes, with the checksum the restore will verify
    assert list(manifest["files"]) == [name]
    assert (tmp_path / "backup" / "media" / name).read_bytes() == "履职报告".encode()


def _signed_url_for(reader: Client, stored: Attachment) -> str:
    response = reader.get(reverse("proposals:download", args=[stored.pk]))
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"  # no shared cache keeps the URL
    return response["Location"]


def test_the_object_is_reached_only_with_a_signature(uploaded):
    # given
    author, stored, sent = uploaded
    url = _signed_url_for(author, stored)
    query = {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}
    # when the reader drops the signature and asks the store for the bare object
    bare = url.split("?", 1)[0]
    status, _headers, body = _fetch(bare)
    # then the store refuses it: the app writes the object private and signs every URL
    assert status == 403 and body != sent
    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert query["X-Amz-Credential"].startswith(f"{ACCESS_KEY}/")
    assert re.fullmatch(r"[0-9a-f]{64}", query["X-Amz-Signature"])
    assert _fetch(url)[0] == 200


def test_the_signed_url_lives_the_configured_few_seconds(uploaded, settings):
    # given an operator who shortened the URLs' life
    author, stored, _sent = uploaded
    settings.FILES_SIGNED_URL_SECONDS = 37
    # when
    url = _signed_url_for(author, stored)
    # then the URL is signed now, for 37 seconds, not the library's default hour
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["37"]
    signed_at = dt.datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs((now - signed_at).total_seconds()) < 60


def test_the_stored_key_is_random_and_no_page_shows_it(uploaded, s3_endpoint):
    # given the same file attached twice under the same name
    author, stored, _sent = uploaded
    again = make_upload(name="调研报告.pdf", kind="pdf")
    response = author.post(reverse("proposals:upload", args=[stored.proposal_id]), {"file": again})
    assert response.status_code in (200, 302)
    second = Attachment.objects.exclude(pk=stored.pk).get()
    # when the author reads the draft's pages
    pages = "".join(
        author.get(reverse(name, args=[stored.proposal_id])).content.decode()
        for name in ("proposals:edit", "proposals:detail")
    )
    # then each key is 128 random bits, never the file's own name
    keys = [stored.file.name, second.file.name]
    assert all(re.search(r"/[0-9a-f]{32}\.pdf$", key) for key in keys)
    assert keys[0] != keys[1] and not any("调研报告" in key for key in keys)
    # and the pages link to the app's checked download, never to the store
    assert reverse("proposals:download", args=[stored.pk]) in pages
    assert s3_endpoint not in pages and not any(key in pages for key in keys)


def test_no_url_is_signed_before_the_permission_check(uploaded, county, make_user, monkeypatch):
    # given a watch on the storage's URL signing
    from storages.backends.s3 import S3Storage

    author, stored, _sent = uploaded
    signed: list[str] = []
    sign = S3Storage.url

    def watched(self, name, *args, **kwargs):
        signed.append(name)
        return sign(self, name, *args, **kwargs)

    monkeypatch.setattr(S3Storage, "url", watched)
    outsider = Client()
    outsider.force_login(make_user(Role.MEMBER, county))
    # when an outsider asks, then the author
    refused = outsider.get(reverse("proposals:download", args=[stored.pk]))
    signed_for_outsider = list(signed)
    _signed_url_for(author, stored)
    # then nothing was signed for the outsider, one URL for the author
    assert refused.status_code == 404
    assert signed_for_outsider == [] and signed == [stored.file.name]
