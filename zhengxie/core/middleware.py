from urllib.parse import parse_qsl

from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class ForcePasswordChangeMiddleware:
    """Accounts created by staff must replace their first password before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("core:password_change"), reverse("core:logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("core:password_change")
        return self.get_response(request)


class RejectNulBytesMiddleware:
    """A NUL byte in the query string is a 400 before any view reads it.

    Forms already refuse NUL in what they clean, but views read query values (search terms,
    filters) straight into queries, and PostgreSQL refuses a NUL in a string literal with an
    error that would surface as a 500. The API answers in its own error shape, naming the
    parameters that hold one, as its app reads every other refusal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            message = _("请求参数中含有无效字符。")
            if request.path.startswith("/api/"):
                from zhengxie.api.errors import error_response

                fields = {
                    name: message
                    for name, value in parse_qsl(query, keep_blank_values=True)
                    if "\x00" in name + value
                }
                return error_response("invalid", message, 400, fields)
            raise BadRequest(message)
        return self.get_response(request)
