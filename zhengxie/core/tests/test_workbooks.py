"""Formula-looking text written to a workbook reads back as the same text, never a formula."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from zhengxie.core.workbooks import append_as_data

from .xss_audit import xlsx_formulas


@pytest.mark.parametrize("write_only", [False, True])
def test_formula_looking_text_is_stored_as_text_with_the_quote_prefix(write_only):
    # given a row a resident or a member could have typed, beside a number and a blank
    row = ['=HYPERLINK("http://xss.example","点我")', "=cmd|' /C calc'!A0", "@SUM(1)", 7, None]
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("表") if write_only else book.active
    # when
    append_as_data(sheet, row)
    append_as_data(sheet, ["关于加强社区养老服务的建议", "-1"])
    buffer = io.BytesIO()
    book.save(buffer)
    # then: no cell is a formula, the text is what was typed, and Excel keeps it text
    assert xlsx_formulas(buffer.getvalue()) == []
    cells = list(load_workbook(io.BytesIO(buffer.getvalue())).worksheets[-1].iter_rows())
    assert [c.value for c in cells[0]][:4] == row[:4]
    assert [c.quotePrefix for c in cells[0][:3]] == [True, True, True]
    assert [(c.value, c.quotePrefix) for c in cells[1][:2]] == [
        ("关于加强社区养老服务的建议", False),
        ("-1", True),
    ]
