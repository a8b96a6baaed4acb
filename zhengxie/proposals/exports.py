"""Excel and Word out: the register in the import's columns (a round trip changes nothing),
a proposal in the 提案表 layout, and a unit's reply letter."""

import io

from django.db.models import Prefetch, QuerySet
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from zhengxie.core.models import CommitteeLevel
from zhengxie.core.spreadsheets import Sheet, write_workbook

from .imports.columns import COLUMNS, OUTCOMES, PROPOSER_KINDS, RATINGS, SUPERVISOR_KINDS
from .models import AssignmentRole, Feedback, Proposal, Reply, ReplyState
from .workflow import REGISTERED_STATES

NUMERALS = "零一二三四五六七八九十"
_OUTCOME_OF = {state: label for label, state in OUTCOMES.items()}
_KIND_OF = {kind: label for label, kind in PROPOSER_KINDS.items() if kind != "*"}
_KIND_OF.update(
    {"individual": "个人", "joint": "联名", "group": "人民团体", "special": "专门委员会"}
)
_RATING_OF = {value: label for label, value in RATINGS.items()}
_SUPERVISOR_OF = {value: label for label, value in SUPERVISOR_KINDS.items()}
_SECTIONS = (("situation", "调研情况"), ("analysis", "问题分析"), ("suggestion", "具体建议"))


def chinese_number(n: int) -> str:
    """五 for 5, 十二 for 12 (届次 and 次 stay under 100)."""
    if n <= 10:
        return NUMERALS[n]
    tens, ones = divmod(n, 10)
    return f"{NUMERALS[tens] if tens > 1 else ''}十{NUMERALS[ones] if ones else ''}"


def with_export_relations(queryset: QuerySet) -> QuerySet:
    """Everything a register row exports, in a fixed number of queries."""
    sent = Reply.objects.filter(state=ReplyState.SENT).order_by("round", "id")
    return queryset.select_related("plenary", "merged_into", "key").prefetch_related(
        "proposers",
        "assignments__unit",
        Prefetch("replies", queryset=sent),
        Prefetch("feedbacks", queryset=Feedback.objects.order_by("round", "id")),
    )


def _names(proposal: Proposal) -> tuple[str, str]:
    if proposal.body_name:
        return proposal.body_name, ""
    names = [p.name for p in sorted(proposal.proposers.all(), key=lambda p: (p.position, p.id))]
    return (names[0] if names else ""), "、".join(names[1:])


def _units(proposal: Proposal) -> tuple[str, str]:
    active = [a for a in proposal.assignments.all() if a.is_active]
    lead = [a.unit.name for a in active if a.role == AssignmentRole.LEAD]
    others = [a.unit.name for a in active if a.role != AssignmentRole.LEAD]
    return "、".join(lead), "、".join(others)


def _reply_and_rating(proposal: Proposal) -> tuple[str, str]:
    replies = list(proposal.replies.all())
    firsts = {p.pk for p in proposal.proposers.all() if p.is_first}
    ratings = [f.rating for f in proposal.feedbacks.all() if f.proposer_id in firsts]
    rating = _RATING_OF.get(ratings[-1], "") if ratings else ""
    return (replies[-1].result_class if replies else ""), rating


def _text(proposal: Proposal) -> str:
    parts = [(label, getattr(proposal, name).strip()) for name, label in _SECTIONS]
    if not any(text for _, text in parts[1:]):
        return parts[0][1]
    return "".join(f"{label}：{text}" for label, text in parts if text)


def register_row(proposal: Proposal) -> dict:
    first, others = _names(proposal)
    lead, co = _units(proposal)
    result_class, rating = _reply_and_rating(proposal)
    key = getattr(proposal, "key", None)
    registered = proposal.state in REGISTERED_STATES
    return {
        "案号": proposal.number,
        "案由": proposal.title,
        "提案者": first,
        "联名人": others,
        "提案者类型": _KIND_OF.get(proposal.proposer_kind, ""),
        "类别": proposal.category or proposal.category_main,
        "审查结果": "立案" if registered else _OUTCOME_OF.get(proposal.state, ""),
        "并入案号": proposal.merged_into.number if proposal.merged_into_id else None,
        "主办单位": lead,
        "会办单位": co,
        "交办日期": proposal.assigned_on,
        "答复日期": proposal.replied_on,
        "答复类别": result_class,
        "评价": rating,
        "重点提案": "是" if key else "否",
        "督办领导": key.supervisor_name if key else "",
        "督办类型": _SUPERVISOR_OF.get(key.supervisor_kind, "") if key else "",
        "正文": _text(proposal),
    }


def register_workbook(proposals: QuerySet) -> bytes:
    """The register as .xlsx with the import's header row; dates as Excel dates."""
    rows = (
        [register_row(proposal)[name] for name in COLUMNS]
        for proposal in with_export_relations(proposals).iterator(chunk_size=1000)
    )
    sheet = Sheet("提案登记表", list(COLUMNS), rows, widths={"B": 48}, freeze_header=True)
    return write_workbook([sheet])


def _font(run, *, size: float = 14, bold: bool = False, family: str = "仿宋") -> None:
    """Chinese text needs the East Asian font set explicitly, or Word falls back to Latin."""
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, family
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), family)


def _paragraph(document, text: str, *, size=14, bold=False, family="仿宋", center=False):
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run(text), size=size, bold=bold, family=family)
    return paragraph


def _cell(cell, text: str, *, bold: bool = False) -> None:
    cell.text = ""
    _font(cell.paragraphs[0].add_run(text), size=12, bold=bold)


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table_rows(proposal: Proposal) -> list[tuple[str, str, str, str]]:
    first, others = _names(proposal)
    lead, co = _units(proposal)
    submitted = f"{proposal.submitted_at:%Y年%m月%d日}" if proposal.submitted_at else ""
    return [
        ("案号", f"第{proposal.number}号" if proposal.number else "", "类别", proposal.category),
        ("提案者", first, "提案者类型", proposal.get_proposer_kind_display()),
        ("联名人", others, "提交时间", submitted),
        (
            "审查结果",
            proposal.get_state_display(),
            "大会/平时",
            "大会提案" if proposal.is_plenary_proposal else "平时提案",
        ),
        ("主办单位", lead, "会办单位", co),
    ]


def proposal_document(proposal: Proposal) -> bytes:
    """提案表: the plenary and 提案 as heading, a table of particulars with 案由 across the
    full width, then 情况 / 分析 / 建议 under their headings."""
    document = Document()
    plenary = proposal.plenary.name if proposal.plenary_id else proposal.committee.name
    _paragraph(document, plenary, size=16, family="黑体", center=True)
    _paragraph(document, "提　案", size=26, bold=True, family="黑体", center=True)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    title = table.rows[0].cells
    _cell(title[0], "案由", bold=True)
    _cell(title[1].merge(title[3]), proposal.title)
    for row in _table_rows(proposal):
        cells = table.add_row().cells
        for n, value in enumerate(row):
            _cell(cells[n], value, bold=n % 2 == 0)
    for (name, _label), heading in zip(
        _SECTIONS, ("一、情况", "二、分析", "三、建议"), strict=True
    ):
        _paragraph(document, heading, size=15, bold=True, family="黑体")
        for line in getattr(proposal, name).splitlines() or [""]:
            _paragraph(document, f"　　{line.strip()}")
    return _saved(document)


def reply_title(proposal: Proposal) -> str:
    """关于市政协五届一次会议第12号提案的答复 (a county committee names itself)."""
    committee = proposal.committee
    prefix = "市政协" if committee.level == CommitteeLevel.CITY else committee.display_name
    plenary = proposal.plenary
    session = (
        f"{chinese_number(plenary.term.number)}届{chinese_number(plenary.session)}次会议"
        if plenary
        else ""
    )
    return f"关于{prefix}{session}第{proposal.number}号提案的答复"


def _addressee(proposal: Proposal) -> str:
    first, _others = _names(proposal)
    return f"{first}：" if proposal.body_name else f"{first}委员："


def reply_letter(reply: Reply) -> bytes:
    """A unit's reply in the usual letter form: class mark, title, addressee, text, the
    unit and date, the handler's name and telephone, and the copy to the committee."""
    proposal = reply.proposal
    document = Document()
    mark = _paragraph(document, f"{reply.result_class}类", size=14, family="黑体")
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(document, reply_title(proposal), size=20, bold=True, family="黑体", center=True)
    _paragraph(document, _addressee(proposal))
    _paragraph(document, f"　　您提出的《{proposal.title}》收悉。现答复如下：")
    for line in reply.text.splitlines():
        if line.strip():
            _paragraph(document, f"　　{line.strip()}")
    _paragraph(document, "　　衷心感谢您对我们工作的关心和支持！")
    sent = reply.sent_at or reply.created_at
    for line in (reply.unit.name, f"{sent:%Y年%m月%d日}"):
        _paragraph(document, line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    contact = "　".join(
        part
        for part in (
            f"联系人：{reply.handler}" if reply.handler else "",
            f"联系电话：{reply.contact_phone}" if reply.contact_phone else "",
        )
        if part
    )
    if contact:
        _paragraph(document, contact, size=12)
    _paragraph(document, f"抄送：{proposal.committee.display_name}提案委员会", size=12)
    return _saved(document)
