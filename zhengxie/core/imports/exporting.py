"""The roster as a workbook in the very format the import reads."""

from io import BytesIO

from openpyxl import Workbook

from ..models import Committee, Member
from ..workbooks import append_as_data
from .columns import COLUMNS, format_birth_month

_GENDER_TEXT = {"M": "男", "F": "女"}


def _row(member: Member) -> list[str]:
    cells = {
        "name": member.name,
        "gender": _GENDER_TEXT.get(member.gender, ""),
        "ethnicity": member.ethnicity,
        "birth_month": format_birth_month(member.birth_month),
        "party": member.party,
        "sector": member.sector.name if member.sector else "",
        "special_committee": member.special_committee.name if member.special_committee else "",
        "work_title": member.work_title,
        "mobile": member.mobile,
        "town": member.town.name if member.town else "",
        "is_standing": "是" if member.is_standing else "否",
    }
    return [cells[field] for field in COLUMNS.values()]


def export_roster(*, committee: Committee) -> bytes:
    """Active members of the committee, in roster order."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("委员名册")
    sheet.append(list(COLUMNS))
    members = (
        Member.objects.filter(committee=committee, is_active=True)
        .select_related("sector", "special_committee", "town")
        .order_by("id")
    )
    for member in members.iterator(chunk_size=500):
        append_as_data(sheet, _row(member))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
