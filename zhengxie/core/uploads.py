"""The upload store: the one door every uploaded file goes in and out by.

A file's type is what its bytes say, never its name or the browser's Content-Type: Pillow
must open and verify an image, and the documents are told by their magic numbers (a PDF
header, an OLE2 compound file naming its Word or Excel stream, an Office ZIP package naming
its main part) or, for text, by decoding cleanly. Only the kinds a caller accepts pass.

In, in this order: `check_upload` reads the bytes, refuses what is too large or not an
accepted kind with a Chinese message naming the field, and writes nothing; the service then
checks permissions, limits and quotas (`count_uploads`); last, inside `saving()` and the
service's transaction, `UploadBatch.save` writes the file under a generated name
(`folder/YYYY/MM/<random>.<ext>`: nothing of the uploader's name reaches the storage path)
through Django's storage. If the block fails, the files it saved are deleted again.
The uploader's file name is kept only as a sanitised display name on the row.

Out: `serve_upload` detects the type from the stored bytes (once per stored name, then from
the cache), so rows stored before this store (named and typed by the uploader) are served
safely too; after the caller's permission check the bytes come from nginx or a signed object
storage URL where the deployment has them, else through the app. Only the
allowed images (PNG, JPEG, GIF, WebP) are served inline; everything else, SVG and HTML
included, is an attachment with its detected type (or application/octet-stream), an
RFC 5987 file name, `nosniff` and a sandboxing CSP.
"""

import io
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .web.downloads import download


@dataclass(frozen=True)
class FileKind:
    label: str  # named in messages: "只接受 PNG、JPEG"
    content_type: str
    extension: str
    inline: bool = False  # only the allowed images are ever shown in the page


PNG = FileKind("PNG", "image/png", ".png", inline=True)
JPEG = FileKind("JPEG", "image/jpeg", ".jpg", inline=True)
GIF = FileKind("GIF", "image/gif", ".gif", inline=True)
WEBP = FileKind("WebP", "image/webp", ".webp", inline=True)
PDF = FileKind("PDF", "application/pdf", ".pdf")
DOC = FileKind("DOC", "application/msword", ".doc")
XLS = FileKind("XLS", "application/vnd.ms-excel", ".xls")
PPT = FileKind("PPT", "application/vnd.ms-powerpoint", ".ppt")
OOXML = "application/vnd.openxmlformats-officedocument"
DOCX = FileKind("DOCX", f"{OOXML}.wordprocessingml.document", ".docx")
XLSX = FileKind("XLSX", f"{OOXML}.spreadsheetml.sheet", ".xlsx")
PPTX = FileKind("PPTX", f"{OOXML}.presentationml.presentation", ".pptx")
TXT = FileKind("TXT", "text/plain; charset=utf-8", ".txt")
TXT_GB = FileKind("TXT", "text/plain; charset=gb18030", ".txt")  # 国标编码的文本文件
UNKNOWN = FileKind("", "application/octet-stream", ".bin")  # served, never accepted

IMAGES = (PNG, JPEG, GIF, WEBP)
DOCUMENTS = (PDF, DOC, DOCX, XLS, XLSX, PPT, PPTX, TXT, TXT_GB)

PILLOW_FORMATS = {"PNG": PNG, "JPEG": JPEG, "GIF": GIF, "WEBP": WEBP}
# The stream an OLE2 compound file (.doc/.xls/.ppt) names in its directory, in UTF-16LE.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_STREAMS = (
    ("WordDocument", DOC),
    ("Workbook", XLS),
    ("Book", XLS),
    ("PowerPoint Document", PPT),
)
# The main part an Office Open XML package must contain.
OOXML_PARTS = (
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", XLSX),
    ("ppt/presentation.xml", PPTX),
)
MAX_PIXELS = 40_000_000  # refuses decompression bombs long before Pillow's own warning
TEXT_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _image_kind(data: bytes) -> tuple[FileKind | None, int]:
    """The image kind and its pixel count, or (None, 0) when Pillow cannot verify it."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format, (width, height) = probe.format, probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None, 0
    return PILLOW_FORMATS.get(image_format), width * height


def _package_kind(data: bytes) -> FileKind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in OOXML_PARTS if part in names), None)


def _text_kind(data: bytes) -> FileKind | None:
    """Plain text only: markup (HTML, SVG, XML) starts with "<" and is refused, not served
    as text, so no reader ever receives a page or a drawing from another member."""
    if TEXT_CONTROLS.search(data) or data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return None
    for encoding, kind in (("utf-8-sig", TXT), ("gb18030", TXT_GB)):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return kind
    return None


def detect_kind(data: bytes) -> tuple[FileKind | None, int]:
    """What the bytes are (and, for an image, how many pixels), whatever the file is called."""
    if data.startswith(b"%PDF-"):
        return PDF, 0
    if data.startswith(OLE_MAGIC):
        found = (kind for stream, kind in OLE_STREAMS if stream.encode("utf-16-le") in data)
        return next(found, None), 0
    if data.startswith(b"PK\x03\x04"):
        return _package_kind(data), 0
    image_kind, pixels = _image_kind(data)
    if image_kind is not None:
        return image_kind, pixels
    return (_text_kind(data) if data else None), 0


def display_name(name: str | None, kind: FileKind | None, *, default: str = "file") -> str:
    """The uploader's name made safe to show and to offer as a download name: no folders,
    no control characters, at most 80 characters; with a kind, its extension replaces the
    name's own."""
    base = "".join(
        c
        for c in PurePath((name or "").replace("\\", "/")).name
        if unicodedata.category(c)[0] != "C"
    )
    if kind is None:
        return base.strip(" .")[-80:] or default
    return (PurePath(base).stem.strip(" .")[:80] or default) + kind.extension


@dataclass(frozen=True)
class CheckedUpload:
    """An upload whose bytes passed the checks; nothing is stored yet."""

    data: bytes
    kind: FileKind
    name: str  # the sanitised display name
    width: int | None = None
    height: int | None = None

    @property
    def size(self) -> int:
        return len(self.data)


def _refuse(field: str, message: str, **values) -> ValidationError:
    return ValidationError({field: message % values})


def check_upload(
    upload: File, *, field: str, label: str, accept: Iterable[FileKind], max_bytes: int
) -> CheckedUpload:
    """Read and check one upload; raises a ValidationError naming the field."""
    accept, shown = tuple(accept), display_name(upload.name, None, default="")
    if upload.size is not None and upload.size > max_bytes:
        mb = f"{max_bytes / 1048576:.1f}"
        message = _("%(label)s：“%(name)s”超过 %(mb)s MB。")
        raise _refuse(field, message, label=label, name=shown, mb=mb)
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    kind, pixels = detect_kind(data)
    if len(data) > max_bytes or kind not in accept:
        kinds = "、".join(dict.fromkeys(k.label for k in accept))
        message = _("%(label)s：“%(name)s”不是可接受的文件，只接受 %(kinds)s 格式。")
        raise _refuse(field, message, label=label, name=shown, kinds=kinds)
    if pixels > MAX_PIXELS:
        message = _("%(label)s：“%(name)s”的图片尺寸过大。")
        raise _refuse(field, message, label=label, name=shown)
    return CheckedUpload(
        data=data, kind=kind, name=display_name(upload.name, kind), **_size(data, kind)
    )


def _size(data: bytes, kind: FileKind) -> dict:
    if not kind.inline:
        return {}
    with Image.open(io.BytesIO(data)) as image:
        return {"width": image.width, "height": image.height}


def check_uploads(
    uploads: Iterable[File], *, field: str, label: str, accept: Iterable[FileKind], max_bytes: int
) -> list[CheckedUpload]:
    accept = tuple(accept)
    return [
        check_upload(u, field=field, label=label, accept=accept, max_bytes=max_bytes)
        for u in uploads
    ]


def count_uploads(*, user_id: int, count: int, per_hour: int, field: str, label: str) -> None:
    """Counts `count` uploads against the person's hourly allowance (a fixed window in the
    cache, no row locked per upload); raises once the allowance is spent."""
    if not count:
        return
    key = f"uploads:hourly:{user_id}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    try:
        used = cache.incr(key, count)
    except ValueError:  # expired between add and incr
        cache.set(key, count, timeout=3600)
        used = count
    if used > per_hour:
        message = _("%(label)s：每小时最多上传 %(n)s 个文件，您已达到上限，请稍后再试。")
        raise _refuse(field, message, label=label, n=per_hour)


class UploadBatch:
    """The files one write stores; see `saving`."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def save(self, checked: CheckedUpload, *, folder: str) -> str:
        """Write the checked bytes under a generated name; returns the storage name to put
        in the row's FileField."""
        today = timezone.localdate()
        name = f"{folder}/{today:%Y/%m}/{secrets.token_hex(16)}{checked.kind.extension}"
        saved = default_storage.save(name, File(io.BytesIO(checked.data)))
        cache.set(_kind_key(saved), checked.kind.content_type, KIND_CACHE_SECONDS)
        self.names.append(saved)
        return saved

    def discard(self) -> None:
        for name in self.names:
            default_storage.delete(name)
        self.names.clear()


@contextmanager
def saving() -> Iterator[UploadBatch]:
    """Files saved through the batch are deleted again when the block raises: the database
    write they belong to failed. Open the service's `transaction.atomic()` inside this block,
    so the rollback comes first; an outer transaction rolled back later is beyond its reach."""
    batch = UploadBatch()
    try:
        yield batch
    except BaseException:
        batch.discard()
        raise


KIND_CACHE_SECONDS = 30 * 24 * 3600  # a stored name never gets other bytes: no staleness


def _kind_key(name: str) -> str:
    return f"uploads:kind:{name}"


def stored_kind(file: FieldFile) -> FileKind:
    """The kind the stored bytes show, read once per file: a name holds the same bytes for
    ever (generated names, never overwritten), so the answer is cached under the name, and
    a file handed to nginx or the object store need not pass through this process at all."""
    kind_label = cache.get(_kind_key(file.name))
    known = {kind.content_type: kind for kind in (*IMAGES, *DOCUMENTS)}
    if kind_label in known:
        return known[kind_label]
    with file.open("rb") as stored:
        kind = detect_kind(stored.read())[0] or UNKNOWN
    if kind is not UNKNOWN:
        cache.set(_kind_key(file.name), kind.content_type, KIND_CACHE_SECONDS)
    return kind


def _signs_urls(storage) -> bool:
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # django-storages is only needed where object storage is used
        return False
    return isinstance(storage, S3Storage)


def serve_upload(file: FieldFile, *, filename: str = "") -> HttpResponse:
    """The stored file with the type its bytes show: inline only for an allowed image, an
    attachment otherwise, named after `filename` with the detected kind's extension.

    The caller has checked the reader's permission. Then the bytes go the cheapest way the
    deployment offers: on object storage, a redirect to a URL signed for a few seconds that
    names the type and disposition; behind nginx (FILES_ACCEL_REDIRECT_PREFIX), an
    X-Accel-Redirect to its internal location; otherwise through this process."""
    kind = stored_kind(file)
    name = display_name(filename or file.name, kind)
    disposition = content_disposition_header(not kind.inline, name)
    if _signs_urls(file.storage):
        return _signed_redirect(file, kind, disposition)
    if prefix := settings.FILES_ACCEL_REDIRECT_PREFIX:
        response = HttpResponse(content_type=kind.content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(file.name)
        response["Content-Disposition"] = disposition
    else:
        with file.open("rb") as stored:
            data = stored.read()
        response = download(
            io.BytesIO(data), filename=name, content_type=kind.content_type, inline=kind.inline
        )
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser rendered the file, it runs no script and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _signed_redirect(file: FieldFile, kind: FileKind, disposition: str) -> HttpResponse:
    """The object store answers the signed URL with the type and disposition signed into it;
    the URL is good for FILES_SIGNED_URL_SECONDS, so a copied link soon stops working."""
    url = file.storage.url(
        file.name,
        parameters={
            "ResponseContentType": kind.content_type,
            "ResponseContentDisposition": disposition,
        },
        expire=settings.FILES_SIGNED_URL_SECONDS,
    )
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    return response
