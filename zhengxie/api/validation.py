"""Pydantic's complaints about a request, in the person's language and keyed by field.

ninja reports each bad value with a location such as ("body", "payload", "title") and an
English text; the API answers {"title": "最多 200 个字。"} instead. Parameter sources and the
body parameter's own name ("payload", by convention in every router) are left out of the key.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file", "payload"})


def _message(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return _("此项为必填项。")
    if kind == "string_too_long":
        return _("最多 %(count)s 个字。") % {"count": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("至少 %(count)s 个字。") % {"count": ctx.get("min_length")}
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("请填写整数。")
    if kind in {"greater_than_equal", "greater_than"}:
        return _("不能小于 %(limit)s。") % {"limit": ctx.get("ge", ctx.get("gt"))}
    if kind in {"less_than_equal", "less_than"}:
        return _("不能大于 %(limit)s。") % {"limit": ctx.get("le", ctx.get("lt"))}
    if kind in {"bool_parsing", "bool_type"}:
        return _("请填写 true 或 false。")
    if kind in {"datetime_parsing", "datetime_from_date_parsing", "date_parsing"}:
        return _("日期时间格式不正确。")
    if kind == "json_invalid":
        return _("请求内容不是有效的 JSON。")
    return _("格式不正确。")


def _key(location: Iterable) -> str:
    parts = [str(part) for part in location]
    while parts and parts[0] in SOURCES:
        parts.pop(0)
    return ".".join(parts) or "__all__"


def field_messages(errors: list[dict]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        fields.setdefault(_key(error.get("loc", ())), _message(error))
    return fields
