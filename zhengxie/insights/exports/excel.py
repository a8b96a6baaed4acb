"""The annual review's tables as an Excel workbook: one sheet per table plus every figure."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from ..review import tables


def _flatten(prefix: str, value, rows: list) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, rows)
    elif isinstance(value, int | float | str | bool):
        rows.append((prefix, value))


def build_review_xlsx(figures: dict) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "全部指标"
    summary.append(["指标", "数值"])
    rows: list = []
    _flatten("", figures, rows)
    for row in rows:
        summary.append(list(row))
    for table in tables(figures):
        sheet = workbook.create_sheet(table.title[:31])
        sheet.append(table.header)
        for row in table.rows:
            sheet.append(row)
    for sheet in workbook.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 36 if sheet is summary else 14
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
