"""Mainland mobile numbers: the one way a typed, pasted or imported number becomes the 11
digits that key a person's log-in.

Validation asks phonenumbers (libphonenumber's metadata) which 1xx prefixes the carriers hold,
so 12345678901 or 14400000000 is refused, and a prefix opened next year arrives with a library
update rather than a code change. Numbers outside the mainland are refused: SMS codes go
through a mainland gateway, and the roster only ever holds mainland numbers.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from phonenumbers import PhoneNumberType

from .chinese import normalize_text

# What people type around the digits: spaces, hyphens, brackets, dots.
_SEPARATORS = re.compile(r"[\s\-().·]")
# The country code as people write it: +86, 0086, or a bare 86 before the 11 digits.
_COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086|86)(?=1\d{10}$)")
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


class InvalidMobile(ValueError):
    """Not a mainland mobile number; str() is the text as the person typed it."""


def normalize_mobile(value: object) -> str:
    """The 11 digits of a mainland mobile number; "" for an empty value; InvalidMobile for
    anything else. Full-width digits and +86 are accepted, as people paste them."""
    typed = normalize_text(value)
    digits = _COUNTRY_PREFIX.sub("", _SEPARATORS.sub("", typed))
    if not digits:
        return ""
    if not re.fullmatch(r"1\d{10}", digits):
        raise InvalidMobile(typed)
    number = phonenumbers.parse(digits, "CN")
    if not phonenumbers.is_valid_number(number):
        raise InvalidMobile(typed)
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise InvalidMobile(typed)
    return digits


def clean_mobile(value: object) -> str:
    """The 11 digits, or a ValidationError on the mobile field in plain Chinese."""
    try:
        mobile = normalize_mobile(value)
    except InvalidMobile:
        mobile = ""
    if not mobile:
        raise ValidationError(
            {"mobile": _("请输入正确的 11 位中国大陆手机号码，如 13912345678。")}, code="mobile"
        )
    return mobile


def looks_like_mobile(value: object) -> bool:
    """Whether what was typed into a log-in box is meant as a mobile number (valid or not):
    11 digits starting with 1, with or without +86. Usernames never look like that."""
    typed = _SEPARATORS.sub("", normalize_text(value))
    return bool(re.fullmatch(r"(?:\+86|0086|86)?1\d{10}", typed))


def mask_mobile(mobile: str) -> str:
    """What a page may show of a number: 139****0001."""
    return f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) == 11 else ""


# A mobile number or an 18-character ID number typed inside free text (a résumé's 工作经历),
# with the separators people put in numbers; longer runs of digits are left alone.
_NUMBER_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])(?:(1\d{2})[\s\-]?\d{4}[\s\-]?(\d{4})|(\d{6})\d{8}(\d{3}[\dXx]))(?![0-9A-Za-z])"
)


def mask_numbers_in_text(text: str) -> str:
    """Free text as a page may show it to someone other than its writer: each mobile number
    becomes 138****1234 and each ID number 420102********123X."""

    def masked(match: re.Match) -> str:
        if match.group(1):
            return f"{match.group(1)}****{match.group(2)}"
        return f"{match.group(3)}********{match.group(4)}"

    return _NUMBER_IN_TEXT.sub(masked, text)
