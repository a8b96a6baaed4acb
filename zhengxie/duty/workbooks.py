"""The Excel lists the office hands in each year, written through core.spreadsheets (the one
workbook writer): the standings with points by kind, the five ones, the three highs with their
grade bands, and the warnings with their talks (约谈). Each list reads the same rows the
standings page does (a published year's snapshot, an open year's cache), in a fixed number of
queries whatever the number of members. Attendance per activity and per member is the
activities app's list (activities/workbooks.py)."""

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from zhengxie.core.models import Committee
from zhengxie.core.rules import rule
from zhengxie.core.spreadsheets import Sheet, write_workbook

from . import rules as keys
from .models import AnnualTask, DutyKind, Grade
from .schemes import FIVE_ONES
from .selectors.standings import grade_distribution, year_querysets
from .selectors.warnings import list_warnings
from .templatetags.duty_tags import breakdown_label

FIELDS = (
    "member_id",
    "member__name",
    "committee__short_name",
    "member__sector__name",
    "points",
    "breakdown",
    "five_ones",
    "five_ones_done",
    "quality",
    "satisfaction",
    "reputation",
    "score",
    "grade",
)
KINDS = ("standings", "five_ones", "three_highs", "warnings")


def year_rows(committee_ids: list[int], year: int) -> list[dict]:
    """Every member's computed year, highest points first (one query per source of rows)."""
    rows = []
    for queryset in year_querysets(committee_ids, year):
        rows.extend(queryset.values(*FIELDS))
    rows.sort(key=lambda r: (-r["points"], r["member_id"]))
    return rows


def _number(value) -> float | None:
    return None if value is None else float(value) if isinstance(value, Decimal) else value


def _person(rank: int, row: dict) -> list:
    return [rank, row["committee__short_name"], row["member__name"], row["member__sector__name"]]


PERSON = [_("排名"), _("政协"), _("委员"), _("界别")]


def standings_sheet(rows: list[dict]) -> Sheet:
    """积分 by kind: one column per kind (and per group allowance) anyone's breakdown has,
    in the ledger's order of kinds."""
    order = {kind: n for n, kind in enumerate(DutyKind.values)}
    keys_found = {key for row in rows for key in row["breakdown"]}
    columns = sorted(keys_found, key=lambda key: (order.get(key, len(order)), key))
    body = (
        [*_person(n, row), _number(row["points"])]
        + [row["breakdown"].get(key, 0) for key in columns]
        for n, row in enumerate(rows, 1)
    )
    header = [*PERSON, _("年度积分"), *(breakdown_label(key) for key in columns)]
    return Sheet(_("履职积分"), header, body, freeze_header=True)


def _task_names(committee_ids: list[int]) -> dict[str, str]:
    names = {code: name for code, name, _acts in FIVE_ONES}
    tasks = AnnualTask.objects.filter(committee_id__in=committee_ids).order_by("code")
    names.update(tasks.values_list("code", "name"))
    return names


def five_ones_sheet(rows: list[dict], committee_ids: list[int]) -> Sheet:
    names = _task_names(committee_ids)
    codes = [code for code in names if any(code in row["five_ones"] for row in rows)]
    done, todo = _("完成"), _("未完成")
    body = (
        [*_person(n, row)]
        + [done if row["five_ones"].get(code) else todo for code in codes]
        + [_("是") if row["five_ones_done"] else _("否")]
        for n, row in enumerate(rows, 1)
    )
    header = [*PERSON, *(names[code] for code in codes), _("五个一全部完成")]
    return Sheet(_("五个一"), header, body, freeze_header=True)


def three_highs_sheets(rows: list[dict], committee: Committee, year: int, ids) -> list[Sheet]:
    grades = dict(Grade.choices)
    body = (
        [
            *_person(n, row),
            _number(row["quality"]),
            _number(row["satisfaction"]),
            _number(row["reputation"]),
            _number(row["score"]),
            str(grades.get(row["grade"], "")),
        ]
        for n, row in enumerate(sorted(rows, key=lambda r: (-r["score"], r["member_id"])), 1)
    )
    header = [
        *PERSON,
        _("工作质效度"),
        _("群众满意度"),
        _("社会美誉度"),
        _("综合得分"),
        _("等次"),
    ]
    counts = grade_distribution(ids, year)
    bands = [
        [str(grades.get(code, code)), line, counts.get(code, 0)]
        for code, line in rule(committee.pk, keys.GRADE_BANDS)
    ]
    return [
        Sheet(_("三高考评"), header, body, freeze_header=True),
        Sheet(_("等次分布"), [_("等次"), _("分数线（含）"), _("人数")], bands),
    ]


def warnings_sheet(committee_ids: list[int], year: int) -> Sheet:
    body = (
        [
            w.committee.short_name,
            w.member.name,
            w.get_reason_display(),
            w.detail,
            w.get_status_display(),
            w.raised_at.date(),
            w.talked_on,
            str(w.talked_by) if w.talked_by_id else "",
            w.outcome,
        ]
        for w in list_warnings(committee_ids=committee_ids, year=year)
    )
    header = [
        _("政协"),
        _("委员"),
        _("原因"),
        _("情况"),
        _("状态"),
        _("预警日期"),
        _("约谈日期"),
        _("约谈人"),
        _("约谈情况及结果"),
    ]
    return Sheet(_("预警与约谈"), header, body, freeze_header=True)


def duty_workbook(*, kind: str, committee: Committee, committee_ids: list[int], year: int) -> bytes:
    """One list as an .xlsx; `kind` is one of KINDS."""
    if kind == "warnings":
        return write_workbook([warnings_sheet(committee_ids, year)])
    rows = year_rows(committee_ids, year)
    sheets: Iterable[Sheet] = {
        "standings": lambda: [standings_sheet(rows)],
        "five_ones": lambda: [five_ones_sheet(rows, committee_ids)],
        "three_highs": lambda: three_highs_sheets(rows, committee, year, committee_ids),
    }[kind]()
    return write_workbook(sheets)
