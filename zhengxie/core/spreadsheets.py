"""The one workbook writer every export uses, so no exported cell can become a formula.

A member's text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
Excel and WPS as a formula (`=HYPERLINK(...)` in a proposal's title turns into a live link in
the office's register). Following OWASP's advice on CSV and spreadsheet injection such a string
is written with a leading single quote; numbers, dates and booleans keep their type so sums and
date filters still work. openpyxl would also store any string that starts with `=` as a
formula, so nothing reaches a cell except through `safe_cell`. The imports read a workbook
back through `unescape_cell`, so an export read in again changes nothing.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def safe_cell(value: object) -> object:
    """The value as it may be written to a cell: a string Excel would take for a formula is
    quoted; anything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return ESCAPE + value
    return value


def unescape_cell(value: object) -> object:
    """The inverse of `safe_cell`, for the imports that read our own exports back."""
    quoted = isinstance(value, str) and value.startswith(ESCAPE)
    if quoted and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


@dataclass
class Sheet:
    """One worksheet: a bold header row, then rows of plain values."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]]
    widths: dict[str, float] = field(default_factory=dict)  # column letter -> width
    freeze_header: bool = False


def _cell(sheet, value: object, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_cell(value))
    if isinstance(value, str):
        cell.data_type = "s"  # never "f", whatever openpyxl infers
    if bold:
        cell.font = Font(bold=True)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd"
    return cell


def write_workbook(sheets: Iterable[Sheet]) -> bytes:
    """The sheets as .xlsx bytes, streamed row by row (write-only: a register of tens of
    thousands of rows never sits in memory as cell objects)."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])  # Excel's limit on a sheet's name
        for column, width in spec.widths.items():
            sheet.column_dimensions[column].width = width
        if spec.freeze_header:
            sheet.freeze_panes = "A2"
        sheet.append([_cell(sheet, name, bold=True) for name in spec.header])
        for row in spec.rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
