"""The leaders' read-only view: the year's figures, instructions, issues and adopted reports."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhengxie.core.web.params import year_param

from .. import permissions as perms
from .. import selectors
from ..models import OpinionState

LIST_LIMIT = 50


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    perms.check_leader_view_permission(request.user)
    committee_ids = sorted(perms.reader_committee_ids(request.user))
    year = year_param(request, default=None) or selectors.default_year(committee_ids=committee_ids)
    adopted = selectors.list_queue(
        user=request.user, committee_ids=committee_ids, state=OpinionState.ADOPTED, year=year
    ).order_by("-decided_at", "-id")
    context = {
        "year": year,
        "figures": selectors.figures_in_detail(committee_ids=committee_ids, year=year),
        "instructions": selectors.list_instructions(committee_ids=committee_ids, year=year)[
            :LIST_LIMIT
        ],
        "issues": selectors.list_bulletins(committee_ids=committee_ids, year=year)[:LIST_LIMIT],
        "adopted": adopted[:LIST_LIMIT],
    }
    return render(request, "opinions/overview.html", context)
