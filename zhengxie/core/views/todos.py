"""今日待办: the page a member opens from an SMS link."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..todos import todo_groups


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    return render(request, "core/todo.html", {"groups": todo_groups(request.user)})
