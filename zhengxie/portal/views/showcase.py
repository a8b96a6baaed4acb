"""委员风采: the public pages of the members who switched theirs on (duty owns the switch and
reads the records through each app's provider)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhengxie.core.web.pagination import paginate
from zhengxie.core.web.params import int_param
from zhengxie.duty.selectors.showcase import (
    PAGE_SIZE,
    get_showcase,
    list_showcase,
    showcase_filters,
)


def showcase_index(request: HttpRequest) -> HttpResponse:
    committee_id = int_param(request, "committee")
    sector_id = int_param(request, "sector")
    members = list_showcase(committee_id=committee_id, sector_id=sector_id)
    context = {
        "page": paginate(request, members, PAGE_SIZE),
        "committee_id": committee_id,
        "sector_id": sector_id,
        **showcase_filters(),
    }
    return render(request, "portal/showcase_index.html", context)


def showcase_member(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "portal/showcase_member.html", {"page": get_showcase(member_id=pk)})
