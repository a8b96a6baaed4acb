"""The roster import: read a workbook, validate every row, then apply all rows in one
transaction or none. The management command and the upload task share these steps."""

from .apply import ApplyResult, apply_rows
from .exporting import export_roster
from .reading import RosterFileError, read_workbook
from .validation import RowError, Validation, validate_rows

__all__ = [
    "ApplyResult",
    "RosterFileError",
    "RowError",
    "Validation",
    "apply_rows",
    "export_roster",
    "read_workbook",
    "validate_rows",
]
