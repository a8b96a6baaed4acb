"""Post, redirect, get: a write that succeeded says so in a message and sends the browser to a
page it may reload, so a reload never posts the form twice."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url


def redirect_to(to, *args, query: dict | None = None, **kwargs) -> HttpResponseRedirect:
    """`redirect()` that also carries a query string (`?committee=…&year=…`), so a page that
    works on one committee and year comes back on the same ones."""
    url = resolve_url(to, *args, **kwargs)
    if query:
        url = f"{url}?{urlencode(query)}"
    return HttpResponseRedirect(url)


def redirect_with_success(
    request: HttpRequest, message: str, to, *args, query: dict | None = None, **kwargs
) -> HttpResponseRedirect:
    """The success message, then the redirect (`to` as `redirect()` takes it)."""
    messages.success(request, message)
    return redirect_to(to, *args, query=query, **kwargs)
