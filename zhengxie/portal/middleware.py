"""Guests' cached thread pages answered early in the middleware chain.

A guest's thread page is a cached page plus one view counted (services.pages). Served by the
view, it still pays for every middleware after this one (CSRF, authentication, messages,
clickjacking, htmx, history, the forced password change, axes), which on a cache hit cost more
than the page itself. Those have nothing to do for a guest: no session cookie means no user to
load and no messages, a GET of a page without a form checks no token, and the page is the same
for every guest. So this middleware, placed after the locale and the NUL-byte check, answers
the hit itself and adds what the skipped middleware would have added to the response: the
X-Frame-Options header and `Vary: Cookie` (the view reads the user, which marks the session
read). The security, CSP, request-id and metrics middleware stay outside it and run as usual.

A miss, a signed-in visitor (session cookie), pending flash messages, the author filter or any
other method falls through to the full chain and the view, which caches the page for the next
guest.
"""

from django.http import HttpRequest
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from zhengxie.core.web.pagination import page_number

from .services.pages import guest_page_hit
from .views.forum import fill_guest_page, is_plain_guest, thread_detail


class GuestPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.frame_options = XFrameOptionsMiddleware(get_response)

    def __call__(self, request: HttpRequest):
        return self._cached_page(request) or self.get_response(request)

    def _cached_page(self, request: HttpRequest):
        if request.method != "GET" or not is_plain_guest(request) or "authorid" in request.GET:
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.func is not thread_detail:
            return None
        hit = guest_page_hit(match.kwargs["pk"], page_number(request), get_language())
        if hit is None:
            return None
        request.resolver_match = match  # the metrics label the request by its route
        response = fill_guest_page(*hit, request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return self.frame_options.process_response(request, response)
