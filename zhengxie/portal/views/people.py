"""Profiles, the 本版积分规则 page and search."""

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from zhengxie.core.permissions import is_office
from zhengxie.core.rules import rule

from .. import permissions, rules
from ..models import Board, CreditAction
from ..selectors.moderation import moderated_boards
from ..selectors.people import get_profile
from ..selectors.search import search_posts
from ..services.credits import board_points
from .forum import home_committee


def profile(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    committee = home_committee()
    own = request.user.pk == user.pk
    data = get_profile(
        request.user,
        user,
        committee_id=committee.pk,
        with_ledger=own or is_office(request.user, committee),
    )
    boards = moderated_boards(request.user, committee.pk)
    context = {
        "profile": data,
        "mod_boards": boards,
        "can_ban_forum": is_office(request.user, committee),
    }
    return render(request, "portal/profile.html", context)


def board_credit_rules(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_or_404(Board.objects.prefetch_related("credit_rules"), pk=pk)
    permissions.check_view_board(request.user, board)
    points = board_points(board)
    rows = [(action.label, points[action.value]) for action in CreditAction]
    levels = rule(board.committee_id, rules.CREDIT_LEVELS)
    return render(
        request, "portal/credit_rules.html", {"board": board, "rows": rows, "levels": levels}
    )


def search(request: HttpRequest) -> HttpResponse:
    committee = home_committee()
    query = (request.GET.get("q") or "").strip()[:60]
    results = search_posts(user=request.user, query=query, committee_id=committee.pk)
    return render(request, "portal/search.html", {"query": query, "results": results})
