"""The employer list import: `manage.py import_employers FILE.xlsx --committee CODE` and the
office's upload page share these steps. Every row is checked first, each problem named as
`第N行：字段：原因`; then all rows are written in one transaction or none. An employer is
matched by its credit code, so importing the same file again changes nothing.

Imported employers wait for verification like registered ones: the list vouches for a
company's existence, the licence check is still the office's.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from zhengxie.core.imports.columns import CellError, normalize_header, parse_mobile, text_of
from zhengxie.core.imports.reading import SheetRow, read_sheet
from zhengxie.core.imports.validation import RowError
from zhengxie.core.models import Committee, Member, Town, User

from .models import Employer
from .selectors.work import towns_of
from .services.employers import clean_credit_code

NAME, CODE, PERSON, PHONE, TOWN, ADDRESS, MEMBER = (
    "单位名称", "统一社会信用代码", "联系人", "联系电话", "乡镇街道", "地址", "所属委员",
)  # fmt: skip
COLUMNS = (NAME, CODE, PERSON, PHONE, TOWN, ADDRESS, MEMBER)
REQUIRED = (NAME, CODE, PERSON, PHONE, TOWN)
FIELDS = {
    NAME: "name",
    CODE: "credit_code",
    PERSON: "contact_person",
    PHONE: "contact_phone",
    TOWN: "town",
    ADDRESS: "address",
    MEMBER: "member",
}
MAX_LENGTHS = {NAME: 100, PERSON: 40, ADDRESS: 120}


class EmployerFileError(ValueError):
    """The file as a whole cannot be read."""


@dataclass
class EmployerImport:
    rows: list[tuple[int, dict]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read_employers(content: bytes) -> list[SheetRow]:
    return read_sheet(content, columns=COLUMNS, required=REQUIRED, normalize=normalize_header,
                      error=EmployerFileError)  # fmt: skip


def _text(value: object, column: str, *, required: bool) -> str:
    text = text_of(value)
    if required and not text:
        raise CellError("必填")
    if len(text) > MAX_LENGTHS.get(column, 1000):
        raise CellError(f"不能超过 {MAX_LENGTHS[column]} 个字")
    return text


def _code(value: object) -> str:
    try:
        return clean_credit_code(text_of(value))
    except ValidationError as error:
        raise CellError(error.messages[0].rstrip("。")) from None


def _lookup(table: dict, value: object, what: str, *, required: bool):
    name = text_of(value)
    if not name:
        if required:
            raise CellError("必填")
        return None
    if name not in table:
        raise CellError(f"本政协没有名为“{name}”的{what}")
    if table[name] is None:
        raise CellError(f"本政协有多个名为“{name}”的{what}，请在系统中手工填写")
    return table[name]


def _parsers(committee: Committee) -> dict:
    towns: dict[str, Town | None] = {}
    for town in towns_of(committee.pk):
        towns[town.name] = None if town.name in towns else town
    members: dict[str, Member | None] = {}
    for member in Member.objects.filter(committee=committee, is_active=True):
        members[member.name] = None if member.name in members else member
    return {
        NAME: lambda v: _text(v, NAME, required=True),
        CODE: _code,
        PERSON: lambda v: _text(v, PERSON, required=True),
        PHONE: parse_mobile,
        TOWN: lambda v: _lookup(towns, v, "乡镇街道", required=True),
        ADDRESS: lambda v: _text(v, ADDRESS, required=False),
        MEMBER: lambda v: _lookup(members, v, "委员", required=False),
    }


def validate_employers(*, committee: Committee, rows: list[SheetRow]) -> EmployerImport:
    result, parsers, seen = EmployerImport(), _parsers(committee), {}
    for row in rows:
        values, failed = {}, False
        for column, parse in parsers.items():
            try:
                values[FIELDS[column]] = parse(row.cells.get(column))
            except CellError as error:
                result.errors.append(RowError(row.number, column, str(error)))
                failed = True
        code = values.get("credit_code")
        if code and code in seen:
            result.errors.append(RowError(row.number, CODE, f"与第{seen[code]}行重复"))
            failed = True
        elif code:
            seen[code] = row.number
        if not failed:
            result.rows.append((row.number, values))
    return result


def apply_employers(*, committee: Committee, checked: EmployerImport, actor: User | None) -> None:
    """Writes every checked row in one transaction: new employers wait for verification,
    known ones (by credit code) take the file's values, unchanged ones are left alone."""
    with transaction.atomic():
        known = {
            e.credit_code: e
            for e in Employer.objects.select_for_update().filter(committee=committee)
        }
        for _number, values in checked.rows:
            employer = known.get(values["credit_code"])
            if employer is None:
                employer = Employer(committee=committee, **values)
                checked.created += 1
            else:
                changed = [k for k, v in values.items() if getattr(employer, k) != v]
                if not changed:
                    checked.unchanged += 1
                    continue
                for name in changed:
                    setattr(employer, name, values[name])
                checked.updated += 1
            employer._history_user = actor
            employer._change_reason = "导入用人单位名单"
            employer.save()


def import_employers(
    *, committee: Committee, content: bytes, actor: User | None, dry_run: bool = False
) -> EmployerImport:
    """Reads, checks and (unless a dry run, or any row is wrong) writes. Raises
    EmployerFileError for a file that cannot be read."""
    checked = validate_employers(committee=committee, rows=read_employers(content))
    if checked.errors or dry_run:
        return checked
    apply_employers(committee=committee, checked=checked, actor=actor)
    return checked
