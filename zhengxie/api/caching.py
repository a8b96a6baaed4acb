"""Reads that phones poll answer 304 Not Modified when nothing changed.

    @router.get("/inbox", response={200: ..., 304: None, **ERRORS})
    @decorate_view(polled)
    def inbox(request): ...

The answer carries an ETag (a hash of its body, computed by Django's ConditionalGetMiddleware
logic) and the client sends it back as If-None-Match; an unchanged answer costs the phone
no bytes. Answers are private to the token and vary with it and with the language.
"""

from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page
from django.views.decorators.vary import vary_on_headers


def polled(view):
    return vary_on_headers("Authorization", "Accept-Language")(
        cache_control(private=True, no_cache=True)(conditional_page(view))
    )
