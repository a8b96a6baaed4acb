"""The shapes a committee's rule may take. Each kind cleans a value (returning it normalised) or
raises Invalid with a Chinese sentence saying what is wrong; the registry prefixes the rule's
label, so a person always reads which rule refused the value."""

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from django import forms
from django.utils.translation import gettext as _


class Invalid(Exception):
    """A value that does not fit its kind; the message names the part at fault."""


class Kind:
    label: str = ""

    def clean(self, value: Any) -> Any:
        raise NotImplementedError

    def store(self, value: Any) -> Any:
        """The cleaned value as the database keeps it; `clean` reads it back. Most values are
        stored as they are; a mapping is not (see Mapping)."""
        return value

    def _within(self, part: "Kind", value: Any) -> Any:
        """Clean a nested value, naming the nested part in the message."""
        try:
            return part.clean(value)
        except Invalid as error:
            raise Invalid(f"{part.label}：{error}" if part.label else str(error)) from None


class Integer(Kind):
    def __init__(
        self,
        *,
        min: int | None = None,
        max: int | None = None,
        optional: bool = False,
        label: str = "",
    ):
        self.min, self.max, self.optional, self.label = min, max, optional, label

    def clean(self, value: Any) -> int | None:
        if value is None and self.optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(_("须为整数。"))
        if self.min is not None and value < self.min:
            raise Invalid(_("不能小于 %(n)s。") % {"n": self.min})
        if self.max is not None and value > self.max:
            raise Invalid(_("不能大于 %(n)s。") % {"n": self.max})
        return value

    def form_field(self, label: str) -> forms.IntegerField:
        """The form field a staff page edits this value with, bounded as declared."""
        return forms.IntegerField(
            label=label, min_value=self.min, max_value=self.max, required=not self.optional
        )


class Text(Kind):
    def __init__(self, *, max_length: int = 200, label: str = ""):
        self.max_length, self.label = max_length, label

    def clean(self, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise Invalid(_("须为非空文字。"))
        if len(value.strip()) > self.max_length:
            raise Invalid(_("不能超过 %(n)s 个字。") % {"n": self.max_length})
        return value.strip()


class Choice(Kind):
    def __init__(self, values: list[str], *, label: str = ""):
        self.values, self.label = list(values), label

    def clean(self, value: Any) -> str:
        if value not in self.values:
            raise Invalid(_("须为以下之一：%(v)s。") % {"v": "、".join(self.values)})
        return value


class ListOf(Kind):
    """A list of values of one kind, each distinct; `min_items` 0 allows an empty list."""

    def __init__(self, item: Kind, *, min_items: int = 1, label: str = ""):
        self.item, self.min_items, self.label = item, min_items, label

    def clean(self, value: Any) -> list:
        if not isinstance(value, list):
            raise Invalid(_("须为列表。"))
        if len(value) < self.min_items:
            raise Invalid(_("至少需要 %(n)s 项。") % {"n": self.min_items})
        cleaned = [self._within(self.item, v) for v in value]
        if len({repr(v) for v in cleaned}) != len(cleaned):
            raise Invalid(_("有重复项。"))
        return cleaned

    def store(self, value: list) -> list:
        return [self.item.store(v) for v in value]


class CodeList(Kind):
    """A dictionary as committees keep it: [{"code": ..., "label": ...}] in display order."""

    def __init__(self, *, code_max_length: int = 20, label: str = ""):
        self.code_max_length, self.label = code_max_length, label

    def clean(self, value: Any) -> list[dict]:
        if not isinstance(value, list) or not value:
            raise Invalid(_("至少需要一项，每项包括代码和名称。"))
        cleaned = []
        for entry in value:
            if not isinstance(entry, dict) or set(entry) != {"code", "label"}:
                raise Invalid(_("每项须包括代码（code）和名称（label）。"))
            code = Text(max_length=self.code_max_length).clean(entry["code"])
            cleaned.append({"code": code, "label": Text().clean(entry["label"])})
        if len({e["code"] for e in cleaned}) != len(cleaned):
            raise Invalid(_("代码有重复。"))
        return cleaned


class Record(Kind):
    """A mapping with fixed keys, each of its own kind; `check` adds a rule across the fields
    and returns the problem, or "" when there is none."""

    def __init__(
        self,
        fields: dict[str, Kind],
        *,
        check: Callable[[dict], str] | None = None,
        label: str = "",
    ):
        self.fields, self.check, self.label = fields, check, label

    def clean(self, value: Any) -> dict:
        if not isinstance(value, dict):
            raise Invalid(_("须为键值表。"))
        unknown = set(value) - set(self.fields)
        if unknown:
            raise Invalid(_("不认识的项：%(k)s。") % {"k": "、".join(sorted(map(str, unknown)))})
        missing = set(self.fields) - set(value)
        if missing:
            raise Invalid(_("缺少：%(k)s。") % {"k": "、".join(sorted(missing))})
        cleaned = {key: self._within(kind, value[key]) for key, kind in self.fields.items()}
        problem = self.check(cleaned) if self.check else ""
        if problem:
            raise Invalid(problem)
        return cleaned

    def store(self, value: dict) -> dict:
        # Fixed keys: their order is the declaration's, whatever order the database keeps.
        return {key: kind.store(value[key]) for key, kind in self.fields.items()}


class Mapping(Kind):
    """Free keys (non-empty text) to values of one kind, in the committee's order.

    The order is part of the rule (the office orders the main proposal categories), and
    PostgreSQL's jsonb keeps no key order, so the value is stored as [[key, value], ...] rows;
    `clean` takes either shape and always returns the dict."""

    def __init__(self, value: Kind, *, label: str = ""):
        self.value, self.label = value, label

    def clean(self, value: Any) -> dict:
        rows = list(value.items()) if isinstance(value, dict) else value
        if not isinstance(rows, list) or not rows:
            raise Invalid(_("须为非空键值表。"))
        if not all(isinstance(row, list | tuple) and len(row) == 2 for row in rows):
            raise Invalid(_("每行须为两项。"))
        cleaned = {Text().clean(k): self._within(self.value, v) for k, v in rows}
        if len(cleaned) != len(rows):
            raise Invalid(_("有重复项。"))
        return cleaned

    def store(self, value: dict) -> list[list]:
        return [[key, self.value.store(v)] for key, v in value.items()]


class Pairs(Kind):
    """[[a, b], ...] rows, e.g. grade lines or credit levels; `order` ("asc" or "desc") keeps
    the rows sorted by column `by`, because readers walk them in order."""

    def __init__(
        self,
        first: Kind,
        second: Kind,
        *,
        order: str = "",
        by: int = 0,
        label: str = "",
    ):
        self.first, self.second, self.order, self.by, self.label = first, second, order, by, label

    def clean(self, value: Any) -> list[list]:
        if not isinstance(value, list) or not value:
            raise Invalid(_("至少需要一行。"))
        rows = []
        for row in value:
            if not isinstance(row, list | tuple) or len(row) != 2:
                raise Invalid(_("每行须为两项。"))
            rows.append([self._within(self.first, row[0]), self._within(self.second, row[1])])
        keys = [row[self.by] for row in rows]
        steps = list(pairwise(keys))
        if self.order == "asc" and not all(a < b for a, b in steps):
            raise Invalid(_("须按从小到大排列，且不能相同。"))
        if self.order == "desc" and not all(a > b for a, b in steps):
            raise Invalid(_("须按从大到小排列，且不能相同。"))
        return rows
