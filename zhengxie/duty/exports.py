"""The duty file (履职档案) as a Word document: basic data, the eight kinds of duty per year,
each year's summary and the recognitions — the basis of reappointment. The parts are built
once (duty_file_parts) and printed by each format, so the Word and the PDF file
(exports_pdf.py) cannot differ."""

from dataclasses import dataclass, field
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from zhengxie.core.models import Member

from .models import Grade

FONT = "SimSun"  # 宋体, the font official documents are set in


def _document() -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return document


def _table(document: Document, header: list[str], rows: list[list]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)


def _basic(member: Member) -> list[list[str]]:
    return [
        ["姓名", member.name, "性别", member.get_gender_display()],
        ["民族", member.ethnicity, "党派", member.party or "—"],
        ["界别", str(member.sector or "—"), "专委会", str(member.special_committee or "—")],
        ["工作单位及职务", member.work_title or "—", "常委", "是" if member.is_standing else "否"],
    ]


@dataclass(frozen=True)
class Part:
    """One numbered part of the duty file: a heading, then a table or lines of text."""

    heading: str
    header: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def _summary_rows(data: dict) -> list[list]:
    grades = dict(Grade.choices)
    return [
        [
            year,
            f["points"],
            "全部完成" if f["five_ones_done"] else "未全部完成",
            f["quality"],
            "—" if f["satisfaction"] is None else f["satisfaction"],
            f["reputation"],
            f["score"],
            grades.get(f["grade"], "—") + ("（已发布）" if published else ""),
        ]
        for year, f, published in data["summaries"]
    ]


def duty_file_parts(*, member: Member, data: dict) -> tuple[str, str, list[Part]]:
    """The title, the subtitle and the parts: what the Word and the PDF file both print."""
    recognitions = [
        f"{item.occurred_on:%Y年%m月} {item.get_level_display()}{item.get_kind_display()}："
        f"{item.title}（{item.issuer}）"
        for item in data["recognitions"] or []
    ]
    parts = [
        Part("一、基本情况", ["项目", "内容", "项目", "内容"], _basic(member)),
        Part(
            "二、履职情况（按八类统计，次）",
            ["类别", *[f"{y}年" for y in data["years"]]],
            [[name, *counts] for name, counts in data["rows"]],
        ),
        Part(
            "三、年度考评",
            [
                "年度",
                "积分",
                "五个一",
                "工作质效度",
                "群众满意度",
                "社会美誉度",
                "综合得分",
                "等次",
            ],
            _summary_rows(data),
        ),
        Part("四、表彰、荣誉和宣传报道", lines=recognitions or ["无"]),
    ]
    return f"{member.committee.name}委员履职档案", f"{member.name}　{member.term or ''}", parts


def duty_file_docx(*, member: Member, data: dict) -> bytes:
    title, subtitle, parts = duty_file_parts(member=member, data=data)
    document = _document()
    document.add_heading(title, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(subtitle)
    for part in parts:
        document.add_heading(part.heading, level=2)
        if part.header:
            _table(document, part.header, part.rows)
        for line in part.lines:
            document.add_paragraph(line)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
