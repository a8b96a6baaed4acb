"""Members' letters (委员来信): the office's desk, the proposers' own list and the letter's page
with its workflow buttons. Thin: check, read, render; the steps go through the engine's act
page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhengxie.core.history import history_of
from zhengxie.core.permissions import is_office
from zhengxie.core.workflow.actions import actions_for

from .. import selectors
from ..forms import LetterFilterForm
from ..selectors.letters import LIST_LIMIT
from ..workflow.letter import LETTER


def _list(request: HttpRequest, letters, *, title: str, filters=None) -> HttpResponse:
    context = {
        "letters": list(letters[:LIST_LIMIT]),
        "limit": LIST_LIMIT,
        "page_title": title,
        "filters": filters,
    }
    return render(request, "proposals/letter_list.html", context)


@login_required
def letter_desk(request: HttpRequest) -> HttpResponse:
    filters = LetterFilterForm(request.GET or None)
    state = filters.cleaned_data["state"] if filters.is_valid() else ""
    letters = selectors.list_letter_desk(user=request.user, state=state)
    return _list(request, letters, title=_("委员来信办理"), filters=filters)


@login_required
def my_letters(request: HttpRequest) -> HttpResponse:
    return _list(request, selectors.list_my_letters(user=request.user), title=_("我的委员来信"))


@login_required
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    letter = selectors.get_readable_letter(user=request.user, pk=pk)
    office = is_office(request.user, letter.committee_id)
    context = {
        "letter": letter,
        "is_office": office,
        "actions": actions_for(letter, request.user, workflow=LETTER),
        "history": history_of(letter) if office else [],
    }
    return render(request, "proposals/letter.html", context)
