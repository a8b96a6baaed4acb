"""One-time codes and how they are kept: only as an HMAC keyed with the site's secret, so a copy
of the database alone tells nobody a live code. A plain hash would not do for six digits (a
million guesses), and a password hasher would make 1,119 letters take minutes."""

import re
import secrets

from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

from ..chinese import normalize_text

# Letters and digits that cannot be misread on paper: no 0/O, 1/I/L.
LETTER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LETTER_CODE_LENGTH = 10  # 31^10 ≈ 8e14: beyond guessing even without the throttle


def new_sms_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def new_letter_code() -> str:
    return get_random_string(LETTER_CODE_LENGTH, allowed_chars=LETTER_ALPHABET)


def format_letter_code(code: str) -> str:
    """As printed: two groups of five, ABCDE-FGHJK."""
    return f"{code[:5]}-{code[5:]}"


def clean_sms_code(value: object) -> str:
    """The six digits as typed, full-width and spaces allowed; "" if it is not six digits."""
    text = re.sub(r"\s", "", normalize_text(value))
    return text if re.fullmatch(r"\d{6}", text) else ""


def clean_letter_code(value: object) -> str:
    """The letter code as typed: any case, with or without the hyphen and spaces."""
    return re.sub(r"[\s\-]", "", normalize_text(value)).upper()


def digest(scope: str, *parts: object) -> str:
    message = ":".join(str(part) for part in parts)
    return salted_hmac(f"zhengxie.core.codes.{scope}", message, algorithm="sha256").hexdigest()


def matches(stored: str, scope: str, *parts: object) -> bool:
    return constant_time_compare(stored, digest(scope, *parts))
