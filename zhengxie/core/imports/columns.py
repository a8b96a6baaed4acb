"""The roster's columns: the header each column carries and how a cell becomes a value."""

import datetime as dt
import re

from ..chinese import normalize_text
from ..phones import InvalidMobile, normalize_mobile

# Header -> Member field. The export writes the same headers in this order.
COLUMNS = {
    "姓名": "name",
    "性别": "gender",
    "民族": "ethnicity",
    "出生年月": "birth_month",
    "党派": "party",
    "界别": "sector",
    "专委会": "special_committee",
    "工作单位及职务": "work_title",
    "手机号码": "mobile",
    "报到乡镇街道": "town",
    "是否常委": "is_standing",
}
REQUIRED_HEADERS = ("姓名", "性别", "手机号码")
MAX_LENGTHS = {"name": 40, "ethnicity": 20, "party": 30, "work_title": 120}

_GENDERS = {"男": "M", "男性": "M", "女": "F", "女性": "F"}
_YES_NO = {"是": True, "否": False, "": False}
# 1980-05, 1980/5, 1980.5, 1980年5月 (a trailing day or 日 is tolerated and dropped).
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.]\s*\d{1,2}\s*日?)?$")


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to staff."""


def normalize_header(value: object) -> str:
    return normalize_text(value).replace(" ", "")


def text_of(value: object) -> str:
    """A cell as text. Excel stores long digit strings such as mobiles as numbers."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_text(value)


def parse_gender(value: object) -> str:
    text = text_of(value)
    if not text:
        raise CellError("必填")
    if text not in _GENDERS:
        raise CellError(f"应为“男”或“女”，而不是“{text}”")
    return _GENDERS[text]


def parse_mobile(value: object) -> str:
    text = text_of(value)
    try:
        mobile = normalize_mobile(text)
    except InvalidMobile as error:
        raise CellError(f"“{error}”不是有效的 11 位手机号码") from error
    if not mobile:
        raise CellError("必填")
    return mobile


def parse_birth_month(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = text_of(value)
    if not text:
        return None
    match = _MONTH.match(text)
    if not match:
        raise CellError(f"无法识别的日期“{text}”，请写作 1980-05、1980/5 或 1980年5月")
    year, month = int(match[1]), int(match[2])
    if not (1900 <= year <= dt.date.today().year and 1 <= month <= 12):
        raise CellError(f"日期“{text}”超出范围")
    return dt.date(year, month, 1)


def parse_yes_no(value: object) -> bool:
    text = text_of(value)
    if text not in _YES_NO:
        raise CellError(f"应为“是”或“否”，而不是“{text}”")
    return _YES_NO[text]


def format_birth_month(value: dt.date | None) -> str:
    return f"{value.year}-{value.month:02d}" if value else ""
