"""Test factories with keyword-only defaults; each call makes what it needs and no more."""

import datetime as dt
import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from .models import (
    Committee,
    CommitteeLevel,
    HandlingUnit,
    Member,
    Plenary,
    Role,
    RoleGrant,
    Sector,
    SpecialCommittee,
    Term,
    Town,
    User,
    Venue,
)

_sequence = itertools.count(1)

PASSWORD = "test-pass-123"


def make_committee(*, code: str = "", parent: Committee | None = None, name: str = "") -> Committee:
    n = next(_sequence)
    code = code or f"c{n}"
    return Committee.objects.create(
        code=code,
        name=name or f"测试政协{n}",
        short_name=name or f"测试政协{n}",
        level=CommitteeLevel.COUNTY if parent else CommitteeLevel.CITY,
        parent=parent,
        region=f"测试区{n}",
    )


def make_plenary(*, committee: Committee, code: str = "5-1", year: int = 2022) -> Plenary:
    term, _ = Term.objects.get_or_create(
        committee=committee,
        number=5,
        defaults={"start_year": 2021, "end_year": 2026, "is_current": True},
    )
    return Plenary.objects.create(
        committee=committee,
        term=term,
        session=int(code.split("-")[1]),
        code=code,
        name=f"{committee.short_name}五届{code}次会议",
        opens_on=dt.date(year, 1, 5),
        closes_on=dt.date(year, 1, 8),
        intake_opens_on=dt.date(year - 1, 12, 1),
        intake_closes_on=dt.date(year, 1, 7),
    )


def make_user(
    *,
    role: str | None = None,
    committee: Committee | None = None,
    username: str = "",
    mobile: str = "",
    **grant,
) -> User:
    n = next(_sequence)
    user = User.objects.create_user(
        username=username or f"user{n}", password=PASSWORD, display_name=f"用户{n}", mobile=mobile
    )
    if role:
        if role == Role.UNIT and "handling_unit" not in grant:
            grant["handling_unit"] = make_handling_unit(committee=committee)
        RoleGrant.objects.create(user=user, committee=committee, role=role, **grant)
    return user


def make_sector(*, committee: Committee, name: str = "经济界") -> Sector:
    return Sector.objects.get_or_create(committee=committee, name=name)[0]


def make_special_committee(*, committee: Committee, name: str = "提案委员会") -> SpecialCommittee:
    return SpecialCommittee.objects.get_or_create(committee=committee, name=name)[0]


def make_town(*, committee: Committee, name: str = "洪山镇") -> Town:
    return Town.objects.get_or_create(committee=committee, name=name)[0]


def make_handling_unit(*, committee: Committee, name: str = "") -> HandlingUnit:
    return HandlingUnit.objects.get_or_create(
        committee=committee, name=name or f"市测试局{next(_sequence)}"
    )[0]


def make_venue(
    *, committee: Committee, name: str = "", town: Town | None = None, convenor: User | None = None
) -> Venue:
    town = town or make_town(committee=committee)
    return Venue.objects.create(
        committee=committee,
        town=town,
        name=name or f"{town.name}政协委员之家{next(_sequence)}",
        convenor=convenor,
    )


def make_member(
    *, committee: Committee, name: str = "", with_account: bool = False, **fields
) -> Member:
    n = next(_sequence)
    member = Member.objects.create(
        committee=committee,
        name=name or f"委员{n}",
        gender=fields.pop("gender", "M"),
        mobile=fields.pop("mobile", f"139{n:08d}"),
        **fields,
    )
    if with_account:
        member.user = make_user(role=Role.MEMBER, committee=committee)
        member.save(update_fields=["user"])
    return member


ROSTER_HEADERS = [
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "党派",
    "界别",
    "专委会",
    "工作单位及职务",
    "手机号码",
    "报到乡镇街道",
    "是否常委",
]


def make_roster_row(**cells) -> dict:
    """A valid row for a committee holding the default sector, special committee and town."""
    row = {
        "姓名": "李明",
        "性别": "男",
        "民族": "汉族",
        "出生年月": "1980-05",
        "党派": "中共",
        "界别": "经济界",
        "专委会": "提案委员会",
        "工作单位及职务": "随州市某公司 总经理",
        "手机号码": "13900000001",
        "报到乡镇街道": "洪山镇",
        "是否常委": "否",
    }
    row.update(cells)
    return row


def make_roster_workbook(rows: list[dict], *, headers: list[str] | None = None) -> bytes:
    """An .xlsx file with a header row and one line per dict (missing keys are blank)."""
    from io import BytesIO

    from openpyxl import Workbook

    headers = headers or ROSTER_HEADERS
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_roster_dictionaries(*, committee: Committee) -> None:
    make_sector(committee=committee)
    make_special_committee(committee=committee)
    make_town(committee=committee)


def answer_to(question: str) -> int:
    """The answer to the registration's question (core.challenge), for browser journeys."""
    from .challenge import NUMERALS

    return sum(NUMERALS.index(char) for char in question if char in NUMERALS[1:])


def _docx_bytes() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


UPLOAD_BYTES = {
    "pdf": lambda: b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
    "docx": _docx_bytes,
    "html": lambda: b"<!doctype html><script>alert(document.cookie)</script>",
    "svg": lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "txt": lambda: "会议纪要：第一项。\n".encode(),
}


def make_upload(
    *, name: str = "upload.png", kind: str = "png", content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    """A file as a browser sends it: `kind` says what its bytes really are (png, jpeg, gif,
    webp, pdf, docx, html, svg, txt), `name` and `content_type` what the uploader claims."""
    if kind in UPLOAD_BYTES:
        data = UPLOAD_BYTES[kind]()
    else:
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), (183, 28, 28)).save(buffer, format=kind.upper())
        data = buffer.getvalue()
    return SimpleUploadedFile(name, data, content_type=content_type)
