"""User HTML in, safe HTML out: nh3 with an allow-list (bold, lists, quotes, links, images)."""

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

import nh3

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "ul", "ol", "li", "blockquote", "a", "img",
    "h3", "h4", "pre", "code", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}
# Images come only from this site's permission-checked attachment view: no tracking pixels,
# no mixed content, and a guest without download rights cannot fetch them either.
IMAGE_PREFIX = "/portal/attachments/"
# Percent-encoding is undone this many times at most: a source still encoded after that is
# refused rather than trusted (%252e%252e is `..` after two rounds).
DECODE_ROUNDS = 3
_UNSAFE_IN_PATH = re.compile(r"[\\\x00-\x20\x7f]")
_TAG = re.compile(r"<[a-zA-Z/!]")
_LINK = re.compile(r"(https?://|www\.|<a\s)", re.IGNORECASE)


def _decoded(value: str) -> str | None:
    for _round in range(DECODE_ROUNDS):
        decoded = unquote(value)
        if decoded == value:
            return value
        value = decoded
    return None


def is_own_image(src: str) -> bool:
    """Whether an image source stays under IMAGE_PREFIX however a browser reads it.

    Browsers resolve `..` (also as %2e%2e), read `\\` as `/`, drop tabs and newlines, and take
    `//host` as another site, so a bare prefix test is escaped by
    `/portal/attachments/../../admin/`. The source is decoded, must be a plain absolute path
    without any of those, and must already be in normal form before the prefix is compared.
    """
    decoded = _decoded(src)
    if decoded is None or _UNSAFE_IN_PATH.search(decoded) or decoded.startswith("//"):
        return False
    parts = urlsplit(decoded)
    if parts.scheme or parts.netloc or ".." in parts.path.split("/"):
        return False
    normal = posixpath.normpath(parts.path)
    if parts.path.endswith("/"):
        normal += "/"
    return normal == parts.path and normal.startswith(IMAGE_PREFIX)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not is_own_image(value):
        return None
    return value


def sanitize_html(raw: str) -> str:
    """Plain text (no tags) becomes paragraphs; markup keeps only the allow-list. Scripts,
    event handlers, styles and javascript:/data: URLs are dropped by nh3."""
    if not _TAG.search(raw):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
        raw = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )


def plain_text(clean_html: str) -> str:
    text = nh3.clean(clean_html, tags=set())
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def contains_link(raw: str) -> bool:
    return bool(_LINK.search(raw))
