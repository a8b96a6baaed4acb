"""Word export of an outcome in the official layout: title, source, body, instructions."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .models import Outcome


def _font(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(16)  # 三号仿宋: the body size of official documents
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")


def outcome_docx(outcome: Outcome) -> bytes:
    document = Document()
    _font(document)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(outcome.title)
    run.bold, run.font.size = True, Pt(22)
    day = f"{outcome.submitted_on:%Y年%m月%d日}"
    meta = f"{outcome.committee.name} · {outcome.get_kind_display()} · {day}"
    document.add_paragraph(meta).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if outcome.activity_id:
        document.add_paragraph(f"来源活动：{outcome.activity.title}")
    authors = "、".join(m.name for m in outcome.authors.all())
    if authors:
        document.add_paragraph(f"执笔：{authors}")
    for paragraph in outcome.body.splitlines():
        if paragraph.strip():
            document.add_paragraph(paragraph.strip()).paragraph_format.first_line_indent = Pt(32)
    document.add_paragraph(
        f"报送：{outcome.get_submitted_to_display()}  采纳情况：{outcome.get_adoption_display()}"
    )
    for instruction in outcome.instructions.order_by("instructed_on", "id"):
        who = f"{instruction.leader_name}（{instruction.get_level_display()}）"
        document.add_paragraph(
            f"{instruction.instructed_on:%Y年%m月%d日} {who}批示：{instruction.text}"
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
