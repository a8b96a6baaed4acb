"""The register's columns and how one cell becomes a value; a bad cell raises CellError with
the reason, and the caller adds the row and column."""

import datetime as dt
import re

from zhengxie.core.chinese import normalize_name, normalize_text, split_list

from ..models import ProposalState, ProposerKind, Rating, SupervisorKind

COLUMNS = (
    "案号",
    "案由",
    "提案者",
    "联名人",
    "提案者类型",
    "类别",
    "审查结果",
    "并入案号",
    "主办单位",
    "会办单位",
    "交办日期",
    "答复日期",
    "答复类别",
    "评价",
    "重点提案",
    "督办领导",
    "督办类型",
    "正文",
)
REQUIRED_HEADERS = ("案由", "提案者")

OUTCOMES = {
    "立案": ProposalState.REGISTERED,
    "并案": ProposalState.MERGED,
    "不予立案": ProposalState.DECLINED,
    "转社情民意": ProposalState.TO_OPINION,
    "转委员来信": ProposalState.TO_LETTER,
    "撤案": ProposalState.WITHDRAWN,
}
PROPOSER_KINDS = {
    "个人": ProposerKind.INDIVIDUAL,
    "委员个人": ProposerKind.INDIVIDUAL,
    "联名": ProposerKind.JOINT,
    "委员联名": ProposerKind.JOINT,
    "党派": ProposerKind.PARTY,
    "人民团体": ProposerKind.GROUP,
    "团体": ProposerKind.GROUP,
    "界别": ProposerKind.SECTOR,
    "委员小组": ProposerKind.SUBGROUP,
    "专门委员会": ProposerKind.SPECIAL_COMMITTEE,
    "专委会": ProposerKind.SPECIAL_COMMITTEE,
    "集体": "*",  # a body: which kind follows from its name (collective_kind)
}
RATINGS = {"满意": Rating.SATISFIED, "基本满意": Rating.BASICALLY, "不满意": Rating.DISSATISFIED}
SUPERVISOR_KINDS = {
    "党政领导": SupervisorKind.PARTY_GOVERNMENT,
    "主席会议成员": SupervisorKind.CHAIR,
    "专委会": SupervisorKind.SPECIAL_COMMITTEE,
    "其他": SupervisorKind.OTHER,
}
PARTIES = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "中共")
_SECTION_MARKS = re.compile(r"(调研情况|问题分析|具体建议)[:：]")
_CJK_DATE = re.compile(r"^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$")
EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """One cell's problem, in words for the person who filled in the sheet."""


def normalize_header(value: object) -> str:
    return normalize_text(value).replace(" ", "").rstrip("*")


def text(value: object) -> str:
    return normalize_text(value)


def parse_number(value: object) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = normalize_text(value).removeprefix("第").removesuffix("号")
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise CellError(f"“{raw}”不是有效的案号（应为正整数）")
    return int(raw)


def parse_date(value: object) -> dt.date | None:
    """2022-03-15, 2022/3/15, 2022年3月15日, an Excel date cell or its serial number."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and 1 < value < 100000:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    match = _CJK_DATE.match(normalize_text(value))
    try:
        if match:
            return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        pass
    raise CellError(f"“{normalize_text(value)}”不是有效日期（如 2022-03-15、2022年3月15日）")


def parse_names(value: object) -> list[str]:
    return list(dict.fromkeys(normalize_name(name) for name in split_list(value)))


def parse_choice(value: object, table: dict, label: str):
    raw = normalize_text(value).replace(" ", "")
    if not raw:
        return ""
    if raw not in table:
        raise CellError(f"“{raw}”不是有效的{label}（可选：{'、'.join(table)}）")
    return table[raw]


def parse_yes_no(value: object) -> bool:
    raw = normalize_text(value).lower()
    if raw in ("", "否", "n", "no", "0", "false"):
        return False
    if raw in ("是", "y", "yes", "1", "true"):
        return True
    raise CellError(f"“{raw}”应为“是”或“否”")


def collective_kind(name: str) -> str:
    """Which kind of body a 集体 proposer is, from its name."""
    if any(name.startswith(party) for party in PARTIES):
        return ProposerKind.PARTY
    if (name.endswith("委员会") and "政协" in name) or name.endswith("专委会"):
        return ProposerKind.SPECIAL_COMMITTEE
    if name.endswith("界") or name.endswith("界别"):
        return ProposerKind.SECTOR
    if name.endswith("小组"):
        return ProposerKind.SUBGROUP
    return ProposerKind.GROUP


def split_sections(body: str) -> dict[str, str]:
    """The text into 情况 / 分析 / 建议 where it carries the usual headings, else 情况."""
    parts = _SECTION_MARKS.split(body)
    if len(parts) < 3:
        return {"situation": body.strip(), "analysis": "", "suggestion": ""}
    names = {"调研情况": "situation", "问题分析": "analysis", "具体建议": "suggestion"}
    sections = {"situation": parts[0].strip(), "analysis": "", "suggestion": ""}
    for mark, content in zip(parts[1::2], parts[2::2], strict=True):
        key = names[mark]
        sections[key] = f"{sections[key]}\n{content.strip()}".strip()
    return sections
