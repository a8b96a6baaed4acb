"""The inbox (core notifications): list, newest first, and mark read."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from zhengxie.core.selectors import list_notifications
from zhengxie.core.services.notifications import mark_read

from ..caching import polled
from ..errors import ERRORS
from ..pagination import Keyset
from ..schemas import Marked

router = Router(tags=["inbox"])


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


@router.get("", response={200: list[NotificationOut], 304: None, **ERRORS})
@decorate_view(polled)
@paginate(Keyset, ordering=("-created_at", "-id"))
def inbox(request: HttpRequest, unread: bool = False):
    """`unread=true` lists only the messages not yet read."""
    return list_notifications(user=request.user, unread_only=unread)


@router.post("/{notification_id}/read", response={200: Marked, **ERRORS})
def read_one(request: HttpRequest, notification_id: int):
    """Marks one message read; `marked` is 0 when it was read already (or is not yours)."""
    return Marked(marked=mark_read(user=request.user, notification_id=notification_id))


@router.post("/read", response={200: Marked, **ERRORS})
def read_all(request: HttpRequest):
    return Marked(marked=mark_read(user=request.user))
