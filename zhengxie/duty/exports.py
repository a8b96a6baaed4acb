"""The duty file (履职档案) as a Word document: basic data, the eight kinds of duty per year,
each year's summary and the recognitions — the basis of reappointment."""

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


def duty_file_docx(*, member: Member, data: dict) -> bytes:
    document = _document()
    heading = document.add_heading(f"{member.committee.name}委员履职档案", level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"{member.name}　{member.term or ''}")
    document.add_heading("一、基本情况", level=2)
    _table(document, ["项目", "内容", "项目", "内容"], _basic(member))
    document.add_heading("二、履职情况（按八类统计，次）", level=2)
    rows = [[name, *counts] for name, counts in data["rows"]]
    _table(document, ["类别", *[f"{y}年" for y in data["years"]]], rows)
    document.add_heading("三、年度考评", level=2)
    grades = dict(Grade.choices)
    _table(
        document,
        ["年度", "积分", "五个一", "工作质效度", "群众满意度", "社会美誉度", "综合得分", "等次"],
        [
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
        ],
    )
    document.add_heading("四、表彰、荣誉和宣传报道", level=2)
    recognitions = data["recognitions"] or []
    if not recognitions:
        document.add_paragraph("无")
    for item in recognitions:
        document.add_paragraph(
            f"{item.occurred_on:%Y年%m月} {item.get_level_display()}{item.get_kind_display()}："
            f"{item.title}（{item.issuer}）"
        )
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
