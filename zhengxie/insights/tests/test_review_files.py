"""The review as PDF, Word and Excel from `annual_review --format`, read back by pypdf,
python-docx and openpyxl: the office's prose, the comparisons and a chart are in each."""

import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from zhengxie.core import factories
from zhengxie.core.models import Role
from zhengxie.insights.services import save_review_draft

PROSE = "# 回眸\n本年委员{{ members.total }}名，办复率{{ proposals.reply_rate }}。\n"


@pytest.fixture
def reviewed(city, county, make_user):
    factories.make_member(committee=county)
    save_review_draft(actor=make_user(Role.STAFF, city), committee=city, year=2022, prose=PROSE)
    return city


def _write(tmp_path, kind: str) -> bytes:
    output = tmp_path / f"review.{kind}"
    call_command(
        "annual_review", "--committee", "city", "--year", "2022", "--format", kind,
        "--output", str(output), stdout=io.StringIO(),
    )  # fmt: skip
    return output.read_bytes()


def test_the_pdf_carries_the_prose_the_comparisons_and_a_chart(reviewed, county, tmp_path):
    reader = PdfReader(io.BytesIO(_write(tmp_path, "pdf")))

    text = "".join(page.extract_text() for page in reader.pages)
    squeezed = "".join(text.split())
    assert "测试市政协2022年工作回眸" in squeezed
    assert "本年委员1名" in squeezed
    assert "与2021年比较" in squeezed and "上年无数据" in squeezed
    assert "县市区比较" in squeezed and county.name in squeezed
    assert "一线协商解决问题" in squeezed  # a chart's title, drawn as text
    # (the Chinese font embedded: core/tests/test_pdf_font.py)


def test_the_word_file_has_the_prose_and_the_comparison_tables(reviewed, county, tmp_path):
    document = Document(io.BytesIO(_write(tmp_path, "docx")))

    text = "\n".join(p.text for p in document.paragraphs)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "本年委员1名，办复率0.0%。" in text
    assert "与2021年比较" in text and "县市区比较" in text
    assert {"上年无数据", county.name, "收到提案"} <= cells
    assert document.inline_shapes  # the charts


def test_the_workbook_has_a_sheet_per_comparison(reviewed, county, tmp_path):
    workbook = load_workbook(io.BytesIO(_write(tmp_path, "xlsx")), read_only=True)

    assert {"全部指标", "与2021年比较", "县市区比较", "提案办理"} <= set(workbook.sheetnames)
    counties = list(workbook["县市区比较"].iter_rows(values_only=True))
    assert [row[0] for row in counties[1:]] == [county.name]
    compared = list(workbook["与2021年比较"].iter_rows(values_only=True))
    assert compared[0] == ("指标", "2021年", "2022年", "增减", "增减幅度")


def test_format_and_output_go_together(reviewed):
    with pytest.raises(CommandError, match="--output"):
        call_command("annual_review", "--committee", "city", "--year", "2022", "--format", "pdf")
