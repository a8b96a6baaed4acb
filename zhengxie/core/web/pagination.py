"""One page of a list, as `core/_pagination.html` links it.

Any `?page=` opens a page: one that is no whole number, or below 1, opens the first page
(Django's `get_page` would open the last one for 0 or -1); one past the end opens the last.
The links keep the rest of the query string, so a filtered or committee-scoped list stays
filtered on page 2.
"""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from .params import ASCII_INT


def page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "").strip()
    return max(int(raw), 1) if ASCII_INT.fullmatch(raw) else 1


def paginate(request: HttpRequest, items, per_page: int, *, count: int | None = None) -> Page:
    """The page `?page=` names; `page.query` is the query string its links carry. `count`, when
    the caller knows it (a cached figure), spares the paginator its COUNT query."""
    paginator = Paginator(items, per_page)
    if count is not None:
        # Paginator.count is a cached property: a value set first is the one it keeps.
        paginator.count = count
    page = paginator.get_page(page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    page.query = query.urlencode()
    return page
