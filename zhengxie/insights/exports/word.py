"""The annual review as a Word document: title, prose, charts and tables."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .. import charts as drawing
from ..review import ReviewDocument, charts


def _chinese_style(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def _png(chart) -> bytes:
    draw = drawing.pie_chart if chart.kind == "pie" else drawing.bar_chart
    return draw(chart.title, chart.labels, chart.values)


def build_review_docx(review: ReviewDocument) -> bytes:
    figures = review.figures
    document = Document()
    _chinese_style(document)
    title = document.add_heading(review.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if figures["rollup"]:
        document.add_paragraph("（含所辖县级政协）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for heading, text in review.paragraphs():
        if heading:
            document.add_heading(heading, level=1)
        document.add_paragraph(text).paragraph_format.first_line_indent = Pt(24)
    document.add_heading("图表", level=1)
    for chart in charts(figures):
        document.add_picture(io.BytesIO(_png(chart)), width=Cm(15))
    document.add_heading("数据表", level=1)
    for table in review.all_tables():
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
