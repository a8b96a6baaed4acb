"""今日待办: what needs the person now, gathered from every app (core.todos)."""

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.decorators import decorate_view

from zhengxie.core.todos import todo_groups

from ..caching import polled
from ..errors import ERRORS

router = Router(tags=["todo"])


class TodoItemOut(Schema):
    kind: str  # the provider's key, e.g. "proposals.cosign"
    title: str
    url: str  # the web page that does it
    due: date | None
    urgency: str  # "urgent" (overdue or due within two days) or "normal"


class TodoGroupOut(Schema):
    kind: str
    label: str
    items: list[TodoItemOut]


class TodoOut(Schema):
    urgent: int
    total: int
    groups: list[TodoGroupOut]


@router.get("", response={200: TodoOut, 304: None, **ERRORS})
@decorate_view(polled)
def todo(request: HttpRequest):
    """The whole list at once, grouped as the web page groups it: each app's provider returns
    what is pending now, a bounded set, so the list is not paged."""
    groups = todo_groups(request.user)
    items = [item for _provider, mine in groups for item in mine]
    return TodoOut(
        urgent=sum(item.urgency == "urgent" for item in items),
        total=len(items),
        groups=[
            TodoGroupOut(
                kind=provider.key,
                label=str(provider.label),
                items=[TodoItemOut(**item.as_dict()) for item in mine],
            )
            for provider, mine in groups
        ],
    )
