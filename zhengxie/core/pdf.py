"""PDF documents drawn in-process with reportlab (the duty file, the annual review).

No office suite or browser runs on the server. The Chinese text is set in the machine's own
Chinese font (core.fonts), embedded in the file as the subset of glyphs it uses, so every
reader shows it the same, phones and readers without Chinese fonts included. A machine
without one falls back to reportlab's built-in STSong-Light, which is not embedded: readers
that carry Adobe's Chinese fonts show it, others may not; the deployment check warns of it.
The text stays text: it can be searched and copied, and a reader finds the names and
figures in it."""

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from .fonts import installed_cjk_fonts

BUILT_IN_FONT = "STSong-Light"
EMBEDDED_FONT = "ZhengxieCJK"


def _chinese_font() -> str:
    for _name, path in installed_cjk_fonts():
        try:
            pdfmetrics.registerFont(TTFont(EMBEDDED_FONT, path))
        except TTFError:  # CFF outlines, which reportlab cannot embed
            continue
        return EMBEDDED_FONT
    pdfmetrics.registerFont(UnicodeCIDFont(BUILT_IN_FONT))
    return BUILT_IN_FONT


FONT = _chinese_font()

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


def text(value: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: reportlab reads paragraphs as markup, so "&" and "<" in a
    title are escaped."""
    return Paragraph(escape(str(value)), style)


def grid(header: list, rows: list) -> Table:
    """A ruled table whose cells are paragraphs, so long text wraps inside its column; the
    header repeats on every page."""
    table = Table([[text(value, CELL) for value in row] for row in [header, *rows]], repeatRows=1)
    table.setStyle(GRID)
    return table


def build(story: list[Flowable], *, title: str, author: str, subject: str = "") -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title, author=author, subject=subject)
    document.build(story)
    return buffer.getvalue()
