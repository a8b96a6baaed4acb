"""One error shape for every failure of the API:

    {"error": {"code": "not_found", "message": "…", "fields": {"title": "…"}}}

`message` is for people, in the request's language (Chinese, English with Accept-Language:
en); `fields` names each bad input field; `code` is for programs. The services' exceptions map
to statuses here and nowhere else, so a router never builds an error itself: it lets
PermissionDenied, ValidationError, Http404, WorkflowError and Throttled rise.
"""

import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from zhengxie.core.throttle import QuotaReached
from zhengxie.core.throttle import Throttled as ServiceThrottled
from zhengxie.core.workflow import AlreadyHandled, InvalidInput, WorkflowError

from .validation import field_messages

logger = logging.getLogger(__name__)


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, str]


class ErrorOut(Schema):
    error: ErrorBody


# Every operation declares these beside its success answer: response={200: X, **ERRORS}.
ERROR_CODES = frozenset({400, 401, 403, 404, 409, 429})
ERRORS = {ERROR_CODES: ErrorOut}


def error_response(
    code: str, message: str, status: int, fields: dict[str, str] | None = None
) -> JsonResponse:
    body = {"error": {"code": code, "message": str(message), "fields": fields or {}}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _bad_input(request: HttpRequest, error: DjangoValidationError) -> HttpResponse:
    fields, general = {}, []
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            if name == "__all__":
                general.extend(errors)
            else:
                fields[name] = " ".join(errors)
    else:
        general.extend(error.messages)
    message = " ".join(general) or _("请检查填写的内容。")
    return error_response("invalid", message, 400, fields)


def _schema_invalid(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    fields = field_messages(error.errors)
    return error_response("invalid", _("请检查填写的内容。"), 400, fields)


def _unauthorized(request: HttpRequest, error: Exception) -> HttpResponse:
    response = error_response("unauthorized", _("请先登录，或登录已失效。"), 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


def _forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return error_response("forbidden", str(error) or _("您没有权限执行此操作。"), 403)


def not_found_response() -> JsonResponse:
    return error_response("not_found", _("找不到该记录，或您无权查看。"), 404)


def _not_found(request: HttpRequest, error: Exception) -> HttpResponse:
    return not_found_response()


def _invalid_input(request: HttpRequest, error: InvalidInput) -> HttpResponse:
    fields = {error.field: error.message} if error.field else {}
    return error_response("invalid", error.message, 400, fields)


def _conflict(request: HttpRequest, error: WorkflowError) -> HttpResponse:
    code = "stale" if isinstance(error, AlreadyHandled) else "not_allowed"
    return error_response(code, error.message, 409)


def _throttled(request: HttpRequest, error: ServiceThrottled) -> HttpResponse:
    # A django-axes lockout answered here: the lockout middleware must not turn it into its
    # HTML page.
    request.axes_locked_out = False
    response = error_response("throttled", error.message, 429)
    response["Retry-After"] = str(error.retry_after)
    return response


def _quota_reached(request: HttpRequest, error: QuotaReached) -> HttpResponse:
    response = error_response("throttled", " ".join(error.messages), 429)
    response["Retry-After"] = str(error.retry_after)
    return response


def _rate_limited(request: HttpRequest, error: Throttled) -> HttpResponse:
    # ninja adds Retry-After from the throttle's wait()
    return error_response("throttled", _("请求过于频繁，请稍后再试。"), 429)


def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if error.status_code == 400:  # ninja could not read the body
        return error_response("invalid", _("请求内容不是有效的 JSON。"), 400)
    return error_response(f"http_{error.status_code}", str(error), error.status_code)


def _server_error(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.exception("API request failed", exc_info=error)
    return error_response("server_error", _("服务器出错，请稍后再试。"), 500)


def install(api: NinjaAPI) -> None:
    handlers = [
        (Exception, _server_error),
        (HttpError, _http_error),
        (AuthenticationError, _unauthorized),
        (Throttled, _rate_limited),
        (NinjaValidationError, _schema_invalid),
        (DjangoValidationError, _bad_input),
        (PermissionDenied, _forbidden),
        (Http404, _not_found),
        (ObjectDoesNotExist, _not_found),
        (WorkflowError, _conflict),
        (InvalidInput, _invalid_input),
        (ServiceThrottled, _throttled),
        (QuotaReached, _quota_reached),
    ]
    for exception, handler in handlers:
        api.add_exception_handler(exception, handler)
