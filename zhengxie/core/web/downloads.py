"""A file for the browser to save (or, for an image, to show): its type and a file name the
browser keeps, Chinese names included (RFC 5987 `filename*=utf-8''…`, which Django's
`content_disposition_header` writes for any name that is not plain ASCII)."""

from typing import BinaryIO

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def download(
    content: bytes | BinaryIO, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse | FileResponse:
    """Bytes built for this request (an export) are sent whole; an open file is streamed."""
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(not inline, filename)
        return response
    return FileResponse(
        content, content_type=content_type, as_attachment=not inline, filename=filename
    )
