"""The register import: read the workbook, check every row, write all or nothing."""

from .apply import ApplyResult, apply_rows
from .reading import RegisterFileError, read_register
from .validation import RowError, Validation, validate_rows

__all__ = [
    "ApplyResult",
    "RegisterFileError",
    "RowError",
    "Validation",
    "apply_rows",
    "read_register",
    "validate_rows",
]
