from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .everything import EverythingQuery, search_everything
from .forms import EverythingForm
from .sources import all_kinds


def parse_query(data) -> tuple[EverythingForm, EverythingQuery | None]:
    form = EverythingForm(data, kinds=[kind.kind for kind in all_kinds()])
    if not form.is_valid():
        return form, None
    cleaned = form.cleaned_data
    return form, EverythingQuery(
        text=cleaned["q"],
        kind=cleaned["kind"],
        committee_id=cleaned["committee"],
        year=cleaned["year"],
        after=cleaned["after"],
    )


def search(request: HttpRequest) -> HttpResponse:
    """全站搜索: open to everyone; each reader finds only what they may open."""
    form, query = parse_query(request.GET)
    page = search_everything(request.user, query) if query and query.text.strip() else None
    return render(
        request,
        "search/search.html",
        {"form": form, "query": query, "page": page},
    )
