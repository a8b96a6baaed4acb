"""Request ids and structured logs: every log line a request causes carries its id, and the id
goes back to the client in X-Request-ID, so a complaint ("it failed at 10:02, id …"), the
proxy's access log and the app's log lines meet on one value.

The id is the X-Request-ID our own proxy sent (nginx: `proxy_set_header X-Request-ID
$request_id`), believed only from TRUSTED_PROXIES as X-Forwarded-For is (core.throttle), and
only if it looks like an id; otherwise the app makes one. It lives in a context variable for
the request, which the logging filter copies onto every record; the JSON formatter writes one
object per line for the log shipper (production settings)."""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest

from .throttle import is_trusted_proxy

HEADER = "X-Request-ID"
# What nginx's $request_id and the usual tracing ids look like; anything else (spaces, quotes,
# newlines that would forge log lines) is replaced by our own id.
VALID_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

current_request_id: ContextVar[str] = ContextVar("request_id", default="")


def request_id_for(request: HttpRequest) -> str:
    offered = request.META.get("HTTP_X_REQUEST_ID", "")
    trusted = is_trusted_proxy(request.META.get("REMOTE_ADDR", ""))
    if offered and trusted and VALID_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in the chain, so every later middleware's log lines carry the id too. The id
    stays set until the response is closed: Django logs a 4xx or 5xx response ("Not Found:
    …") after the whole middleware chain has returned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        current_request_id.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


@receiver(request_finished)
def forget_request_id(**kwargs) -> None:
    current_request_id.set("")


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (empty outside a request) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request id, and the
    traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
