"""Mainland mobile numbers as people type them, and what is refused."""

import pytest

from zhengxie.core.imports.columns import CellError, parse_mobile
from zhengxie.core.phones import InvalidMobile, looks_like_mobile, mask_mobile, normalize_mobile


@pytest.mark.parametrize(
    "typed",
    [
        "13912345678",
        "139 1234 5678",
        "139-1234-5678",
        "+86 139 1234 5678",
        "8613912345678",
        "008613912345678",
        "１３９１２３４５６７８",
    ],
)
def test_the_ways_people_write_a_number_give_its_eleven_digits(typed):
    assert normalize_mobile(typed) == "13912345678"


@pytest.mark.parametrize(
    "typed", ["12345678901", "14400000000", "1391234567", "139123456789", "0716-1234567", "abc"]
)
def test_what_is_no_mainland_mobile_is_refused(typed):
    with pytest.raises(InvalidMobile):
        normalize_mobile(typed)


def test_an_empty_value_is_no_number_rather_than_a_bad_one():
    assert normalize_mobile("  ") == ""


def test_the_roster_names_the_bad_number_in_its_message():
    with pytest.raises(CellError, match="“12345678901”不是有效的 11 位手机号码"):
        parse_mobile("12345678901")


def test_a_username_never_looks_like_a_number_but_a_number_does():
    assert looks_like_mobile("+86 139 0000 0001")
    assert not looks_like_mobile("liurong")
    assert mask_mobile("13900000001") == "139****0001"
