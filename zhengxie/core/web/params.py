"""Whole numbers read from a query string (`?year=`, `?plenary=`, `?edit=`), parsed in one
place so a malformed value is a 400 page naming the field and never a 500.

`int()` alone lets through what a database cannot take: superscript digits (`"²".isdigit()` is
true, `int("²")` fails) and ids past a 64-bit column (SQLite raises OverflowError). Values are
therefore ASCII digits with an optional sign, within the bounds the caller gives.
"""

import re

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils.translation import gettext as _

ASCII_INT = re.compile(r"-?[0-9]{1,18}")
MAX_ID = 2**63 - 1  # the largest primary key a BigAutoField holds


def parse_int(raw: str, *, field: str, minimum: int = 0, maximum: int = MAX_ID) -> int:
    """The value as an int; raises BadRequest with a Chinese message naming the field."""
    if not ASCII_INT.fullmatch(raw.strip()):
        raise BadRequest(_("参数 %(f)s：须为整数。") % {"f": field})
    value = int(raw)
    if not minimum <= value <= maximum:
        raise BadRequest(
            _("参数 %(f)s：须在 %(a)s 到 %(b)s 之间。") % {"f": field, "a": minimum, "b": maximum}
        )
    return value


def int_param(
    request: HttpRequest,
    name: str,
    *,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = MAX_ID,
) -> int | None:
    """`?name=` as an int, `default` when absent or blank."""
    raw = request.GET.get(name, "")
    if not raw.strip():
        return default
    return parse_int(raw, field=name, minimum=minimum, maximum=maximum)


FIRST_YEAR = 2000  # no records before the platform's earliest imported registers
LAST_YEAR = 2100


def year_param(request: HttpRequest, *, default: int | None) -> int | None:
    """`?year=` (or a form's posted year), `default` when absent."""
    raw = request.GET.get("year") or request.POST.get("year") or ""
    if not raw.strip():
        return default
    return parse_int(raw, field="year", minimum=FIRST_YEAR, maximum=LAST_YEAR)
