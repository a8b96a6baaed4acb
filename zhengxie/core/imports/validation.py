"""Checking every row before anything is written; each problem names its row and field."""

from collections.abc import Callable
from dataclasses import dataclass, field

from ..chinese import normalize_name, normalize_text
from ..models import Committee, Sector, SpecialCommittee, Town
from ..services.member_accounts import holders_of, seat_of
from .columns import (
    COLUMNS,
    MAX_LENGTHS,
    CellError,
    parse_birth_month,
    parse_gender,
    parse_mobile,
    parse_yes_no,
)
from .reading import SheetRow

PROGRESS_EVERY = 50


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行：{self.field}：{self.reason}"


@dataclass
class Validation:
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number, Member fields)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class Lookups:
    """Names the file may use: the committee's sectors and special committees, and towns of
    the committee or, for a city committee, of its county committees too."""

    def __init__(self, committee: Committee) -> None:
        self.sectors = _by_name(Sector.objects.filter(committee=committee))
        self.specials = _by_name(SpecialCommittee.objects.filter(committee=committee))
        self.towns = _by_name(Town.objects.filter(committee=committee))
        county_towns = Town.objects.filter(committee__parent=committee).order_by("id")
        counts = _name_counts(county_towns)
        self.ambiguous_towns = {n for n, c in counts.items() if c > 1 and n not in self.towns}
        for name, town in _by_name(county_towns).items():
            self.towns.setdefault(name, town)


def _by_name(queryset) -> dict[str, object]:
    found: dict[str, object] = {}
    for record in queryset:
        found.setdefault(normalize_text(record.name), record)
    return found


def _name_counts(queryset) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in queryset.values_list("name", flat=True):
        counts[normalize_text(name)] = counts.get(normalize_text(name), 0) + 1
    return counts


def _lookup(table: dict, value: object, label: str):
    text = normalize_text(value)
    if not text:
        return None
    if text not in table:
        raise CellError(f"未知的{label}“{text}”")
    return table[text]


def _text(value: object, field_name: str) -> str:
    text = normalize_text(value)
    if len(text) > MAX_LENGTHS[field_name]:
        raise CellError(f"超过 {MAX_LENGTHS[field_name]} 个字")
    return text


def _parse_name(value: object) -> str:
    name = normalize_name(value)
    if not name:
        raise CellError("必填")
    if len(name) > MAX_LENGTHS["name"]:
        raise CellError(f"超过 {MAX_LENGTHS['name']} 个字")
    return name


def _parsers(lookups: Lookups) -> dict[str, Callable[[object], object]]:
    def town(value: object):
        if normalize_text(value) in lookups.ambiguous_towns:
            raise CellError(f"“{normalize_text(value)}”在多个县市区重名，请联系管理员")
        return _lookup(lookups.towns, value, "乡镇街道")

    return {
        "name": _parse_name,
        "gender": parse_gender,
        "ethnicity": lambda v: _text(v, "ethnicity") or "汉族",
        "birth_month": parse_birth_month,
        "party": lambda v: _text(v, "party"),
        "sector": lambda v: _lookup(lookups.sectors, v, "界别"),
        "special_committee": lambda v: _lookup(lookups.specials, v, "专委会"),
        "work_title": lambda v: _text(v, "work_title"),
        "mobile": parse_mobile,
        "town": town,
        "is_standing": parse_yes_no,
    }


def _validate_row(row: SheetRow, parsers: dict) -> tuple[dict, list[RowError]]:
    values, errors = {}, []
    for header, field_name in COLUMNS.items():
        # A column the file leaves out leaves that field alone (new people get defaults).
        if header not in row.cells:
            continue
        try:
            values[field_name] = parsers[field_name](row.cells.get(header))
        except CellError as error:
            errors.append(RowError(row.number, header, str(error)))
    return values, errors


def validate_rows(
    *, committee: Committee, rows: list[SheetRow], progress: Callable[[int], None] | None = None
) -> Validation:
    """Every row is checked, so one pass names every problem in the file."""
    result, seen = Validation(), {}
    parsers = _parsers(Lookups(committee))
    for index, row in enumerate(rows, start=1):
        values, errors = _validate_row(row, parsers)
        result.errors.extend(errors)
        key = (values.get("name"), values.get("mobile"))
        if not errors and key in seen:
            result.errors.append(RowError(row.number, "姓名", f"与第{seen[key]}行是同一人，重复"))
        elif not errors:
            seen[key] = row.number
            result.rows.append((row.number, values))
        if progress and index % PROGRESS_EVERY == 0:
            progress(index)
    result.errors.extend(_shared_log_ins(committee, result.rows))
    return result


def _shared_log_ins(committee: Committee, rows: list[tuple[int, dict]]) -> list[RowError]:
    """A mobile number signs one person in: two people of the file, or a person of the file
    and another member's account, cannot share one."""
    errors, first = [], {}
    for number, values in rows:
        mobile, name = values["mobile"], values["name"]
        earlier = first.setdefault(mobile, (number, name))
        if earlier[1] != name:
            errors.append(RowError(number, "手机号码", f"与第{earlier[0]}行{earlier[1]}的相同"))
    holders = holders_of(set(first))
    for number, values in rows:
        seat = seat_of(holders.get(values["mobile"]))
        if seat is not None and (seat.committee_id, seat.name) != (committee.pk, values["name"]):
            where = f"{seat.committee.display_name}委员{seat.name}"
            errors.append(RowError(number, "手机号码", f"已是{where}的登录账号"))
    return errors
