"""The annual review as a Word document: title, prose, charts and tables."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .. import charts
from ..review import paragraphs, result_class_columns, tables


def _chinese_style(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def _charts(figures: dict) -> list[bytes]:
    p, g, a = figures["proposals"], figures["grassroots"], figures["activities"]
    return [
        charts.pie_chart("提案答复类别", *result_class_columns(p)),
        charts.pie_chart(
            "提案者评价",
            ["满意", "基本满意", "不满意"],
            [p["feedback"][k] for k in ("satisfied", "basically_satisfied", "dissatisfied")],
        ),
        charts.bar_chart(
            "一线协商解决问题",
            ["民生实事", "企业难题", "急难愁盼"],
            [
                g["livelihood_matters_resolved"],
                g["enterprise_difficulties_resolved"],
                g["urgent_concerns_resolved"],
            ],
        ),
        charts.bar_chart(
            "履职活动",
            ["协商", "调研视察报告", "理论学习", "联动履职"],
            [
                a["consultations"],
                a["research_inspection_reports"],
                a["study_sessions"],
                a["joint_with_upper"],
            ],
        ),
    ]


def build_review_docx(figures: dict) -> bytes:
    document = Document()
    _chinese_style(document)
    title = document.add_heading(f"{figures['committee_name']}{figures['year']}年工作回眸", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if figures["rollup"]:
        document.add_paragraph("（含所辖县级政协）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for heading, text in paragraphs(figures):
        document.add_heading(heading, level=1)
        document.add_paragraph(text).paragraph_format.first_line_indent = Pt(24)
    document.add_heading("图表", level=1)
    for png in _charts(figures):
        document.add_picture(io.BytesIO(png), width=Cm(15))
    document.add_heading("数据表", level=1)
    for table in tables(figures):
        document.add_paragraph(table.title, style="Heading 2")
        grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
        grid.style = "Table Grid"
        for column, label in enumerate(table.header):
            grid.cell(0, column).text = label
        for row_index, row in enumerate(table.rows, start=1):
            for column, value in enumerate(row):
                grid.cell(row_index, column).text = str(value)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
