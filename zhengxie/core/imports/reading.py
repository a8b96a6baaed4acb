"""Reading a roster workbook into numbered rows keyed by normalised header."""

from dataclasses import dataclass
from io import BytesIO
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..spreadsheets import unescape_cell
from .columns import COLUMNS, REQUIRED_HEADERS, normalize_header


class RosterFileError(ValueError):
    """The file as a whole cannot be read (not a workbook, a header missing)."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # the spreadsheet's own row number, as staff see it in Excel
    cells: dict[str, object]


def _header_map(header: tuple, *, columns, required, normalize, error) -> dict[int, str]:
    mapped: dict[int, str] = {}
    for index, cell in enumerate(header):
        name = normalize(cell)
        if not name:
            continue
        if name not in columns:
            raise error(f"第1行：表头：无法识别的列“{name}”")
        if name in mapped.values():
            raise error(f"第1行：表头：列“{name}”重复")
        mapped[index] = name
    missing = [name for name in required if name not in mapped.values()]
    if missing:
        raise error(f"第1行：表头：缺少列“{'、'.join(missing)}”")
    return mapped


def read_sheet(
    content: bytes, *, columns, required, normalize, error: type[ValueError]
) -> list[SheetRow]:
    """The first sheet's data rows keyed by header, for any import with a header row; wholly
    blank rows are skipped, and cells our exports quoted against formulas are read unquoted.
    Raises `error` for a file that cannot be read as a whole."""
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError, SyntaxError) as exc:
        raise error("文件：不是有效的 Excel（.xlsx）文件") from exc
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise error("文件：工作表是空的")
    mapped = _header_map(
        header, columns=columns, required=required, normalize=normalize, error=error
    )
    result = []
    for number, values in enumerate(rows, start=2):
        cells = {
            name: unescape_cell(values[i]) if i < len(values) else None
            for i, name in mapped.items()
        }
        if any(value not in (None, "") for value in cells.values()):
            result.append(SheetRow(number=number, cells=cells))
    workbook.close()
    return result


def read_workbook(content: bytes) -> list[SheetRow]:
    """A roster workbook's rows."""
    return read_sheet(
        content,
        columns=COLUMNS,
        required=REQUIRED_HEADERS,
        normalize=normalize_header,
        error=RosterFileError,
    )
