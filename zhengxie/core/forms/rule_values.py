"""The staff page's form for one rule, built from the rule's kind.

A number, a text or a choice is one field; a record is one field per part (a nested record's
parts are named "全体会议·年内"); a list, a dictionary of codes, rows and a mapping are a text
box with one entry a line, the two parts of an entry written "甲|乙" and a list inside an entry
"甲、乙". Each field turns the value into what the box shows and the typed text back into a
value; the rule's own declaration (set_rule) then judges the whole.
"""

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..rules import Choice, CodeList, Integer, Invalid, Kind, ListOf, Mapping, Pairs, Record, Text

SEPARATOR = "|"
_SEPARATORS = re.compile(r"[|｜]")
_LIST_SEPARATORS = re.compile(r"[、,，]")
SCALARS = (Integer, Text, Choice)


def _cell_text(kind: Kind, value: Any) -> str:
    if isinstance(kind, ListOf):
        return "、".join(_cell_text(kind.item, v) for v in value)
    return "" if value is None else str(value)


def _cell_value(kind: Kind, text: str) -> Any:
    text = text.strip()
    if isinstance(kind, ListOf):
        return [_cell_value(kind.item, p) for p in _LIST_SEPARATORS.split(text) if p.strip()]
    if isinstance(kind, Integer):
        if not text and kind.optional:
            return None
        try:
            return int(text)
        except ValueError:
            raise Invalid(_("“%(text)s”不是整数。") % {"text": text}) from None
    return text


def _columns(kind: Kind) -> list[Kind] | None:
    """The kinds of an entry's parts, for the kinds a text box edits; None for the others."""
    if isinstance(kind, ListOf) and isinstance(kind.item, SCALARS):
        return [kind.item]
    if isinstance(kind, CodeList):
        return [Text(), Text()]
    if isinstance(kind, Pairs):
        return [kind.first, kind.second]
    if isinstance(kind, Mapping) and isinstance(kind.value, (*SCALARS, ListOf)):
        return [Text(), kind.value]
    return None


def rows_text(kind: Kind, value: Any) -> str:
    if isinstance(kind, CodeList):
        rows = [[entry["code"], entry["label"]] for entry in value]
    elif isinstance(kind, Mapping):
        rows = [list(item) for item in value.items()]
    else:
        rows = value if isinstance(kind, Pairs) else [[v] for v in value]
    columns = _columns(kind)
    return "\n".join(
        SEPARATOR.join(_cell_text(c, v) for c, v in zip(columns, row, strict=True)) for row in rows
    )


def _parse_line(columns: list[Kind], line: str, number: int) -> list:
    parts = [line] if len(columns) == 1 else _SEPARATORS.split(line, maxsplit=1)
    try:
        if len(parts) != len(columns):
            raise Invalid(_("须写成“甲%(sep)s乙”。") % {"sep": SEPARATOR})
        return [_cell_value(c, p) for c, p in zip(columns, parts, strict=True)]
    except Invalid as error:
        raise Invalid(_("第 %(n)s 行：%(problem)s") % {"n": number, "problem": error}) from None


def rows_value(kind: Kind, text: str) -> Any:
    """The typed text as the kind's value; blank lines are skipped."""
    columns = _columns(kind)
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    rows = [_parse_line(columns, line, n) for n, line in lines]
    if isinstance(kind, CodeList):
        return [{"code": code, "label": label} for code, label in rows]
    if isinstance(kind, ListOf):
        return [row[0] for row in rows]
    return rows  # pairs as they are; a mapping's rows, which keep a repeated key to refuse


class RowsField(forms.CharField):
    """A text box with one entry a line."""

    widget = forms.Textarea(attrs={"rows": 10})

    def __init__(self, *, kind: Kind, **kwargs):
        self.kind = kind
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value: Any) -> str:
        return value if isinstance(value, str) or value is None else rows_text(self.kind, value)

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        try:
            return rows_value(self.kind, text)
        except Invalid as error:
            raise forms.ValidationError(str(error), code="invalid_row") from None


def _field(kind: Kind, label: str) -> forms.Field | None:
    if isinstance(kind, Integer):
        return kind.form_field(label)
    if isinstance(kind, Text):
        return forms.CharField(label=label, max_length=kind.max_length)
    if isinstance(kind, Choice):
        return forms.ChoiceField(label=label, choices=[(v, v) for v in kind.values])
    if _columns(kind) is not None:
        help_text = gettext_lazy("每行一项；一项有两部分时写成“甲|乙”，多个值用顿号分开。")
        return RowsField(kind=kind, label=label, help_text=help_text)
    return None


def _parts(kind: Kind, label: str, name: str) -> Iterator[tuple[str, Kind, str]]:
    """(field name, kind, label) of each field the kind is edited with."""
    if not isinstance(kind, Record):
        yield name or "value", kind, label
        return
    for key, part in kind.fields.items():
        part_label = str(part.label or key)
        full = f"{label}·{part_label}" if name else part_label
        yield from _parts(part, full, f"{name}__{key}" if name else key)


def editable(kind: Kind) -> bool:
    """Whether the general page can edit a rule of this kind (others have their own page)."""
    return all(_field(part, "") is not None for _name, part, _label in _parts(kind, "", ""))


def _pick(value: Any, name: str) -> Any:
    for key in name.split("__") if name != "value" else []:
        value = value[key]
    return value


def _assemble(kind: Kind, data: dict, name: str) -> Any:
    if not isinstance(kind, Record):
        return data[name or "value"]
    return {
        key: _assemble(part, data, f"{name}__{key}" if name else key)
        for key, part in kind.fields.items()
    }


class RuleValueForm(forms.Form):
    def __init__(self, *args, kind: Kind, label: str, value: Any, **kwargs):
        self.kind = kind
        parts = list(_parts(kind, label, ""))
        initial = {name: _pick(value, name) for name, _kind, _label in parts}
        super().__init__(*args, initial=initial, **kwargs)
        for name, part, part_label in parts:
            self.fields[name] = _field(part, part_label)

    def rule_value(self) -> Any:
        """The cleaned fields as the rule's value, for set_rule."""
        return _assemble(self.kind, self.cleaned_data, "")


def value_text(kind: Kind, value: Any) -> str:
    """The value as the pages show it: what its form shows, a record's parts on one line each,
    and a kind the general form does not edit as its stored text."""
    if not editable(kind):
        return str(value)
    texts = []
    for name, part, label in _parts(kind, "", ""):
        part_value = _pick(value, name)
        text = rows_text(part, part_value) if _columns(part) else _cell_text(part, part_value)
        texts.append(f"{label}：{text or '—'}" if isinstance(kind, Record) else text)
    return "\n".join(texts)
