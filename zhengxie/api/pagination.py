"""Keyset (cursor) pagination for every list of the API.

    @router.get("/inbox", response={200: list[NotificationOut], **ERRORS})
    @paginate(Keyset, ordering=("-created_at", "-id"))
    def inbox(request): return list_notifications(user=request.user)

answers {"items": [...], "next": "<cursor>" | null}; the client passes `cursor=<next>` for
the following page and `limit` (1-100, default 20) for its size. The page is read with one
query however deep it is: the cursor holds the last row's values of the ordering fields and
the next page starts after them (WHERE (a, id) < (:a, :id)), never with OFFSET. The ordering
must end with the primary key, so rows with equal values keep a stable order, and may name
only fields of the model itself (nullable ones too: NULLs sort where the database's own indexes
keep them, above every value on PostgreSQL and below on SQLite, so an index in the ordering's
direction serves the page whichever engine reads it). The cursor is signed, so it is opaque
to clients and a forged or foreign one is refused (400) instead of read.
"""

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

SALT = "zhengxie.api.cursor"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def _bad_cursor() -> ValidationError:
    return ValidationError({"cursor": _("翻页标记无效，请从第一页重新读取。")})


class Keyset(PaginationBase):
    class Input(Schema):
        cursor: str | None = Field(None, description="上一页答复中的 next")
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(description="下一页的翻页标记；没有下一页时为 null")

    items_attribute = "items"

    def __init__(
        self,
        *,
        ordering: tuple[str, ...],
        complete: Callable[[list], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """`complete` is handed the page's rows, once, to fill in what the rows cannot carry
        themselves in the same query (a selector's figures kept outside the table)."""
        if ordering[-1].lstrip("-") not in {"id", "pk"}:
            raise ValueError("a keyset ordering ends with the primary key")
        self.ordering = ordering
        self.complete = complete
        super().__init__(**kwargs)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict:
        rows = queryset.order_by(*order_expressions(self.ordering))
        if pagination.cursor:
            rows = rows.filter(self._after(queryset.model, pagination.cursor))
        page = list(rows[: pagination.limit + 1])
        more = len(page) > pagination.limit
        page = page[: pagination.limit]
        if self.complete is not None:
            self.complete(page)
        return {"items": page, "next": self._cursor(page[-1]) if more else None}

    def _names(self) -> list[str]:
        return [field.lstrip("-") for field in self.ordering]

    def _cursor(self, row) -> str:
        values = [getattr(row, name) for name in self._names()]
        payload = {"o": list(self.ordering), "v": values}
        return signing.dumps(payload, salt=SALT, serializer=_JsonSerializer)

    def _after(self, model, cursor: str) -> Q:
        try:
            payload = signing.loads(cursor, salt=SALT, serializer=_JsonSerializer)
        except signing.BadSignature as error:
            raise _bad_cursor() from error
        if payload.get("o") != list(self.ordering):
            raise _bad_cursor()
        try:
            values = [
                model._meta.get_field(name).to_python(value)
                for name, value in zip(self._names(), payload["v"], strict=True)
            ]
        except (KeyError, TypeError, ValueError, ValidationError) as error:
            raise _bad_cursor() from error
        return _keyset_filter(self.ordering, values)


def _nulls_largest() -> bool:
    """Where the engine's indexes keep NULLs: PostgreSQL above every value, SQLite below."""
    return connection.vendor == "postgresql"


def order_expressions(ordering: tuple[str, ...]) -> list[OrderBy]:
    """The ordering with NULLs where the engine's indexes keep them: an explicit NULLS FIRST
    on SQLite would make it sort the whole result instead of walking the index."""
    return [F(field[1:]).desc() if field.startswith("-") else F(field).asc() for field in ordering]


def _after_one(field: str, value) -> Q | None:
    """Rows after `value` in this one field's order; None when nothing can be."""
    name, descending = field.lstrip("-"), field.startswith("-")
    nulls_next = descending != _nulls_largest()  # NULLs come after every value in this order
    if value is None:
        return None if nulls_next else Q(**{f"{name}__isnull": False})
    beyond = Q(**{f"{name}__lt" if descending else f"{name}__gt": value})
    return beyond | Q(**{f"{name}__isnull": True}) if nulls_next else beyond


def _equal(field: str, value) -> Q:
    name = field.lstrip("-")
    return Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})


def _keyset_filter(ordering: tuple[str, ...], values: list) -> Q:
    """Rows after the given values in this ordering: (a after x) or (a = x and b after y) ..."""
    after = Q(pk__in=[])
    for i, field in enumerate(ordering):
        beyond = _after_one(field, values[i])
        if beyond is None:
            continue
        for j in range(i):
            beyond &= _equal(ordering[j], values[j])
        after |= beyond
    return after


class _Encoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a position needs every microsecond."""

    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


class _JsonSerializer:
    """signing's JSON serializer, able to carry times, dates and decimals."""

    def dumps(self, obj) -> bytes:
        return _Encoder(separators=(",", ":")).encode(obj).encode()

    def loads(self, data: bytes):
        return json.loads(data.decode())
