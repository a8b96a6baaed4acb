"""The duty file as PDF, with the same parts as the Word file (exports.duty_file_parts).

reportlab draws it in-process: no office suite or browser to run on the server, and no font
file to ship or fetch, because its built-in CID font STSong-Light (Adobe's 华文宋体 for
Simplified Chinese) is one every PDF reader carries. The text stays text: it can be searched
and copied, and a reader finds the member's name and figures in it."""

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from zhengxie.core.models import Member

from .exports import duty_file_parts

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

TITLE = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=26, alignment=1)
HEADING = ParagraphStyle("heading", fontName=FONT, fontSize=13, leading=20, spaceBefore=8)
BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16, wordWrap="CJK")
CELL = ParagraphStyle("cell", parent=BODY, fontSize=9.5, leading=13)
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
)


def _text(value: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: reportlab reads paragraphs as markup, so "&" and "<" in a
    member's work title are escaped."""
    return Paragraph(escape(str(value)), style)


def _cells(row: list) -> list[Paragraph]:
    """Cells as paragraphs, so long text (a work unit and title) wraps inside its column."""
    return [_text(value, CELL) for value in row]


def duty_file_pdf(*, member: Member, data: dict) -> bytes:
    title, subtitle, parts = duty_file_parts(member=member, data=data)
    story = [_text(title, TITLE), _text(subtitle, BODY), Spacer(1, 4 * mm)]
    for part in parts:
        story.append(_text(part.heading, HEADING))
        if part.header:
            table = Table([_cells(part.header), *(_cells(row) for row in part.rows)], repeatRows=1)
            table.setStyle(GRID)
            story.append(table)
        story.extend(_text(line, BODY) for line in part.lines)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author=member.committee.name, subject=member.name
    )
    document.build(story)
    return buffer.getvalue()
