"""The annual review as an Excel workbook: the comparisons, one sheet per table, every figure."""

from zhengxie.core.spreadsheets import Sheet, write_workbook

from ..review import ReviewDocument, flatten


def build_review_xlsx(document: ReviewDocument) -> bytes:
    rows = list(flatten(document.figures).items())
    summary = Sheet("全部指标", ["指标", "数值"], rows, widths={"A": 36})
    sheets = [Sheet(t.title, t.header, t.rows, widths={"A": 24}) for t in document.all_tables()]
    return write_workbook([summary, *sheets])
