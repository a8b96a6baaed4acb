"""An issue of 《社情民意》 as a Word document in the official layout: a red masthead with the
issue number, the organiser and date over a red rule, the reports in 仿宋 三号 with two-character
indents, and the distribution block (报/送) between black rules at the foot."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from zhengxie.core.rules import rule

from .models import AdoptionMode, BulletinIssue
from .rules import ORGANIZER

RED = RGBColor(0xC0, 0x00, 0x00)
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
XIAOBIAOSONG = "方正小标宋简体"
SIZE_3 = Pt(16)  # 三号: body text of official documents (GB/T 9704)
SIZE_2 = Pt(22)  # 二号: titles


def _run(paragraph, text: str, *, font: str, size, bold=False, color=None):
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.bold = font, size, bold
    # East Asian text takes the eastAsia font, which python-docx does not set by itself.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if color is not None:
        run.font.color.rgb = color
    return run


def _rule(paragraph, *, color: str = "C00000", size: int = 18, edge: str = "bottom") -> None:
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", color)):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def _masthead(document, issue: BulletinIssue) -> None:
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(head, "社情民意", font=XIAOBIAOSONG, size=Pt(48), bold=True, color=RED)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number, f"{issue.year}年第{issue.number}期", font=FANGSONG, size=SIZE_3)
    byline = document.add_paragraph()
    organiser = f"{issue.committee.name}{rule(issue.committee_id, ORGANIZER)}"
    date = f"{issue.issued_on.year}年{issue.issued_on.month}月{issue.issued_on.day}日"
    _run(byline, f"{organiser}编", font=FANGSONG, size=SIZE_3)
    _run(byline, "\t" + date, font=FANGSONG, size=SIZE_3)
    byline.paragraph_format.tab_stops.add_tab_stop(Cm(15.6), WD_TAB_ALIGNMENT.RIGHT)
    _rule(byline)


def _report(document, report, *, heading: str) -> None:
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, heading, font=XIAOBIAOSONG, size=SIZE_2)
    for text in [line.strip() for line in report.body.splitlines() if line.strip()]:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
        paragraph.paragraph_format.line_spacing = Pt(28)
        _run(paragraph, text, font=FANGSONG, size=SIZE_3)
    if report.author_line:
        source = document.add_paragraph()
        source.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(source, f"（反映人：{report.author_line}）", font=FANGSONG, size=SIZE_3)


def _contents(document, reports) -> None:
    heading = document.add_paragraph()
    _run(heading, "本期要目", font=HEITI, size=SIZE_3)
    for index, report in enumerate(reports, start=1):
        line = document.add_paragraph()
        _run(line, f"{index}. {report.title}", font=FANGSONG, size=SIZE_3)


def _distribution(document, issue: BulletinIssue) -> None:
    document.add_paragraph()
    block = document.add_paragraph()
    _rule(block, color="000000", size=8, edge="top")
    _run(block, f"报：{issue.sent_to}", font=FANGSONG, size=Pt(14))
    signers = document.add_paragraph()
    _rule(signers, color="000000", size=8)
    text = f"责任编辑：{issue.editor or '—'}　　签发：{issue.approver or '—'}"
    _run(signers, text, font=FANGSONG, size=Pt(14))


def bulletin_docx(issue: BulletinIssue) -> bytes:
    """The issue as .docx bytes; expects the issue's reports and their members prefetched."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)  # A4
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _masthead(document, issue)
    reports = list(issue.reports.all())
    combined = issue.kind == AdoptionMode.COMBINED and len(reports) > 1
    if combined:
        _contents(document, reports)
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(title, issue.title, font=XIAOBIAOSONG, size=SIZE_2)
    for index, report in enumerate(reports, start=1):
        heading = f"{index}. {report.title}" if combined else report.title
        _report(document, report, heading=heading)
    _distribution(document, issue)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
