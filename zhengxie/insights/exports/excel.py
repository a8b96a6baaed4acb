"""The annual review's tables as an Excel workbook: one sheet per table plus every figure."""

from zhengxie.core.spreadsheets import Sheet, write_workbook

from ..review import tables


def _flatten(prefix: str, value, rows: list) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, rows)
    elif isinstance(value, int | float | str | bool):
        rows.append((prefix, value))


def build_review_xlsx(figures: dict) -> bytes:
    rows: list = []
    _flatten("", figures, rows)
    summary = Sheet("全部指标", ["指标", "数值"], rows, widths={"A": 36})
    sheets = [Sheet(t.title, t.header, t.rows, widths={"A": 14}) for t in tables(figures)]
    return write_workbook([summary, *sheets])
