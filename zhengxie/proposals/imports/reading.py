"""Reading a register workbook into numbered rows keyed by column name."""

from dataclasses import dataclass
from io import BytesIO
from zipfile import BadZipFile

from openpyxl import load_workbook

from .columns import COLUMNS, REQUIRED_HEADERS, normalize_header


class RegisterFileError(ValueError):
    """The file as a whole cannot be read (not a workbook, a header missing)."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # the spreadsheet's own row number, as staff see it in Excel
    cells: dict[str, object]


def _header_map(header: tuple) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, cell in enumerate(header):
        name = normalize_header(cell)
        if not name:
            continue
        if name not in COLUMNS:
            raise RegisterFileError(f"第1行：表头：无法识别的列“{name}”")
        if name in columns.values():
            raise RegisterFileError(f"第1行：表头：列“{name}”重复")
        columns[index] = name
    missing = [name for name in REQUIRED_HEADERS if name not in columns.values()]
    if missing:
        raise RegisterFileError(f"第1行：表头：缺少列“{'、'.join(missing)}”")
    return columns


def read_register(content: bytes) -> list[SheetRow]:
    """The first sheet's data rows; wholly blank rows are skipped."""
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as error:
        raise RegisterFileError("文件：不是有效的 Excel（.xlsx）文件") from error
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise RegisterFileError("文件：工作表是空的")
    columns = _header_map(header)
    result = []
    for number, values in enumerate(rows, start=2):
        cells = {name: values[i] if i < len(values) else None for i, name in columns.items()}
        if any(value not in (None, "") for value in cells.values()):
            result.append(SheetRow(number=number, cells=cells))
    workbook.close()
    return result
