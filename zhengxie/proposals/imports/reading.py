"""Reading a register workbook into numbered rows keyed by column name, with the same reader
the roster import uses."""

from zhengxie.core.imports.reading import SheetRow, read_sheet

from .columns import COLUMNS, REQUIRED_HEADERS, normalize_header

__all__ = ["RegisterFileError", "SheetRow", "read_register"]


class RegisterFileError(ValueError):
    """The file as a whole cannot be read (not a workbook, a header missing)."""


def read_register(content: bytes) -> list[SheetRow]:
    return read_sheet(
        content,
        columns=COLUMNS,
        required=REQUIRED_HEADERS,
        normalize=normalize_header,
        error=RegisterFileError,
    )
