"""Checking every row before anything is written; each problem names its row and column."""

from collections.abc import Callable
from dataclasses import dataclass, field

from zhengxie.core.chinese import normalize_text
from zhengxie.core.models import Committee, HandlingUnit

from .. import rules
from ..models import ProposalState, ProposerKind, Rating
from . import columns as c
from .reading import SheetRow

PROGRESS_EVERY = 200
TITLE_MAX = 200


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行：{self.column}：{self.reason}"


@dataclass
class RegisterRow:
    row: int
    number: int | None = None
    title: str = ""
    proposers: list[str] = field(default_factory=list)
    cosigners: list[str] = field(default_factory=list)
    kind: str = ""
    category: str = ""
    category_main: str = ""
    state: str = ProposalState.REGISTERED
    merged_into: int | None = None
    lead: HandlingUnit | None = None
    co_units: list[HandlingUnit] = field(default_factory=list)
    assigned_on: object = None
    replied_on: object = None
    result_class: str = ""
    rating: str = ""
    is_key: bool = False
    supervisor_name: str = ""
    supervisor_kind: str = ""
    sections: dict = field(default_factory=dict)

    @property
    def is_collective(self) -> bool:
        return self.kind not in (ProposerKind.INDIVIDUAL, ProposerKind.JOINT)


@dataclass
class Validation:
    rows: list[RegisterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class Lookups:
    """The committee's dictionaries the file may name: units, categories, reply classes."""

    def __init__(self, committee: Committee) -> None:
        self.units = {
            normalize_text(unit.name): unit
            for unit in HandlingUnit.objects.filter(committee=committee).order_by("id")
        }
        self.categories = rules.categories(committee.pk)
        self.classes = rules.result_classes(committee.pk)

    def unit(self, name: str) -> HandlingUnit:
        if name not in self.units:
            raise c.CellError(f"未知的承办单位“{name}”")
        return self.units[name]

    def category(self, value: object) -> tuple[str, str]:
        raw = c.text(value).replace(" ", "")
        if not raw:
            return "", ""
        for main, subs in self.categories.items():
            if raw == main or raw in subs:
                return raw, main
        raise c.CellError(f"“{raw}”不在提案类别字典中")

    def result_class(self, value: object) -> str:
        raw = c.text(value).replace(" ", "").upper().removesuffix("类")
        if raw and raw not in self.classes:
            raise c.CellError(f"“{raw}”不在答复类别字典中（{'、'.join(self.classes)}）")
        return raw


def _title(value: object) -> str:
    title = c.text(value)
    if not title:
        raise c.CellError("必填")
    if len(title) > TITLE_MAX:
        raise c.CellError(f"超过 {TITLE_MAX} 个字")
    return title


def _lead(lookups: Lookups, value: object) -> HandlingUnit | None:
    names = c.parse_names(value)
    if len(names) > 1:
        raise c.CellError("主办单位只能有一个（其余请填入会办单位）")
    return lookups.unit(names[0]) if names else None


def _parsers(lookups: Lookups) -> dict[str, tuple[str, Callable[[object], object]]]:
    """Column -> (RegisterRow attribute, parser)."""
    return {
        "案号": ("number", c.parse_number),
        "案由": ("title", _title),
        "提案者": ("proposers", c.parse_names),
        "联名人": ("cosigners", c.parse_names),
        "提案者类型": ("kind", lambda v: c.parse_choice(v, c.PROPOSER_KINDS, "提案者类型")),
        "类别": ("category", lookups.category),
        "审查结果": ("state", lambda v: c.parse_choice(v, c.OUTCOMES, "审查结果")),
        "并入案号": ("merged_into", c.parse_number),
        "主办单位": ("lead", lambda v: _lead(lookups, v)),
        "会办单位": ("co_units", lambda v: [lookups.unit(n) for n in c.parse_names(v)]),
        "交办日期": ("assigned_on", c.parse_date),
        "答复日期": ("replied_on", c.parse_date),
        "答复类别": ("result_class", lookups.result_class),
        "评价": ("rating", lambda v: c.parse_choice(v, c.RATINGS, "评价")),
        "重点提案": ("is_key", c.parse_yes_no),
        "督办领导": ("supervisor_name", c.text),
        "督办类型": (
            "supervisor_kind",
            lambda v: c.parse_choice(v, c.SUPERVISOR_KINDS, "督办类型"),
        ),
        "正文": ("sections", lambda v: c.split_sections(c.text(v))),
    }


def _parse_row(sheet_row: SheetRow, parsers: dict) -> tuple[RegisterRow, list[RowError]]:
    row, errors = RegisterRow(row=sheet_row.number), []
    for column, value in sheet_row.cells.items():
        attribute, parse = parsers[column]
        try:
            parsed = parse(value)
        except c.CellError as error:
            errors.append(RowError(sheet_row.number, column, str(error)))
            continue
        if column == "类别":
            row.category, row.category_main = parsed
        elif parsed not in ("", None) or column in ("提案者", "联名人", "会办单位", "重点提案"):
            setattr(row, attribute, parsed)
    if "案由" not in sheet_row.cells:
        errors.append(RowError(sheet_row.number, "案由", "必填"))
    return row, errors


def _resolve_kind(row: RegisterRow) -> None:
    name = row.proposers[0] if row.proposers else ""
    looks_collective = c.collective_kind(name) != ProposerKind.GROUP or name.endswith(
        ("委员会", "联合会", "协会", "商会")
    )
    if row.kind == "*" or (not row.kind and looks_collective):
        row.kind = c.collective_kind(name)
    elif not row.kind:
        many = len(row.proposers) > 1 or row.cosigners
        row.kind = ProposerKind.JOINT if many else ProposerKind.INDIVIDUAL


HANDLING_COLUMNS = {
    "主办单位": "lead",
    "会办单位": "co_units",
    "交办日期": "assigned_on",
    "答复日期": "replied_on",
    "答复类别": "result_class",
    "评价": "rating",
    "重点提案": "is_key",
}


def _registered_rules(row: RegisterRow) -> list[tuple[str, str]]:
    problems = []
    if row.number is None:
        problems.append(("案号", "立案的提案须有案号"))
    if row.lead is None:
        problems.append(("主办单位", "立案的提案须有主办单位"))
    if row.assigned_on is None:
        problems.append(("交办日期", "立案的提案须有交办日期"))
    if row.replied_on and row.assigned_on and row.replied_on < row.assigned_on:
        problems.append(("答复日期", f"早于交办日期（{row.assigned_on:%Y-%m-%d}）"))
    if row.replied_on and not row.result_class:
        problems.append(("答复类别", "已答复的提案须填答复类别"))
    if row.result_class and not row.replied_on:
        problems.append(("答复日期", "填了答复类别须填答复日期"))
    if row.rating and not row.replied_on:
        problems.append(("评价", "尚未答复的提案不能评价"))
    if row.is_key and not row.supervisor_name:
        problems.append(("督办领导", "重点提案须填督办领导"))
    return problems


def _row_rules(row: RegisterRow) -> list[RowError]:
    problems = [] if row.proposers else [("提案者", "必填")]
    if row.state == ProposalState.REGISTERED:
        problems += _registered_rules(row)
    else:
        problems += [
            (column, "只有立案的提案才能填写")
            for column, attribute in HANDLING_COLUMNS.items()
            if getattr(row, attribute)
        ]
    if row.state == ProposalState.MERGED and row.merged_into is None:
        problems.append(("并入案号", "并案的提案须填并入案号"))
    return [RowError(row.row, column, reason) for column, reason in problems]


def handling_state(row: RegisterRow) -> str:
    """Where a registered row stands: assigned, replied, or closed / redone after rating."""
    if row.rating == Rating.DISSATISFIED:
        return ProposalState.REDO
    if row.rating:
        return ProposalState.CLOSED
    return ProposalState.REPLIED if row.replied_on else ProposalState.ASSIGNED


def _file_rules(rows: list[RegisterRow], existing_numbers: set[int]) -> list[RowError]:
    errors, first_row = [], {}
    for row in rows:
        if row.number is None:
            continue
        if row.number in first_row:
            reason = f"第{row.number}号与第{first_row[row.number]}行重复"
            errors.append(RowError(row.row, "案号", reason))
        first_row.setdefault(row.number, row.row)
    registered = {r.number for r in rows if r.state != ProposalState.MERGED} | existing_numbers
    for row in rows:
        if row.merged_into is None:
            continue
        if row.merged_into == row.number:
            errors.append(RowError(row.row, "并入案号", "不能并入自身"))
        elif row.merged_into not in registered:
            errors.append(RowError(row.row, "并入案号", f"第{row.merged_into}号提案不存在"))
    return errors


def validate_rows(
    *,
    committee: Committee,
    rows: list[SheetRow],
    existing_numbers: set[int] = frozenset(),
    progress: Callable[[int], None] | None = None,
) -> Validation:
    """Every row checked against the committee's dictionaries and the register's rules;
    `existing_numbers` are the plenary's 案号 already in the database (for 并入案号)."""
    parsers, checked = _parsers(Lookups(committee)), Validation()
    for n, sheet_row in enumerate(rows, start=1):
        row, errors = _parse_row(sheet_row, parsers)
        if not errors:
            _resolve_kind(row)
            errors = _row_rules(row)
        if row.state == ProposalState.REGISTERED and not errors:
            row.state = handling_state(row)
        checked.errors.extend(errors)
        checked.rows.append(row)
        if progress and n % PROGRESS_EVERY == 0:
            progress(n)
    checked.errors.extend(_file_rules(checked.rows, set(existing_numbers)))
    checked.errors.sort(key=lambda e: e.row)
    return checked
