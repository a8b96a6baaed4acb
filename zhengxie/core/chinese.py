"""Chinese text utilities shared by imports, search and forms."""

import re
import unicodedata

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def normalize_text(value: object) -> str:
    """Fold full-width characters to their ASCII forms where Chinese text allows it (NFKC turns
    full-width digits, letters and spaces into plain ones), collapse runs of white space and
    strip the ends. Chinese punctuation such as ，。、 is kept."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return _SPACES.sub(" ", text).strip()


def normalize_name(value: object) -> str:
    """Chinese personal names carry no spaces: 张 三 and 张　三 are 张三."""
    text = normalize_text(value)
    if re.search(r"[\u4e00-\u9fff]", text):
        return text.replace(" ", "")
    return text


def split_list(value: object) -> list[str]:
    """Split a cell listing several names or units: 、，, ; and their full-width forms."""
    text = normalize_text(value)
    return [part.strip() for part in re.split(r"[、，,;；]", text) if part.strip()]
