"""The roster as a workbook in the very format the import reads."""

from ..models import Committee, Member
from ..spreadsheets import Sheet, write_workbook
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
    members = (
        Member.objects.filter(committee=committee, is_active=True)
        .select_related("sector", "special_committee", "town")
        .order_by("id")
    )
    rows = (_row(member) for member in members.iterator(chunk_size=500))
    return write_workbook([Sheet("委员名册", list(COLUMNS), rows)])
