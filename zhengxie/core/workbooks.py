"""Rows into a worksheet as data, never as formulas (DESIGN §8: every spreadsheet cell is escaped
against formula injection).

openpyxl stores any string that begins with "=" as a formula, so a proposal titled
`=HYPERLINK("http://…","点我")` would be a live link, or a DDE call, in the office's copy of the
register. Such a string, and one that Excel would read as a formula when the cell is edited
(+, -, @), is written as a string cell with Excel's own quote prefix: the text reads back
unchanged, so an export still imports as it was, and editing the cell keeps it text.
"""

from collections.abc import Iterable

from openpyxl.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@")


def _as_data(sheet, value) -> Cell | None:
    # Every value gets its own cell: a write-only sheet reuses the last cell object it was
    # given for the values after it, and would carry the quote prefix over to them.
    if value is None:
        return None
    cell = Cell(sheet, row=1, column=1, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def append_as_data(sheet, values: Iterable) -> None:
    """`sheet.append(values)`, with every formula-looking string kept as text; for normal and
    write-only worksheets alike."""
    sheet.append([_as_data(sheet, value) for value in values])
