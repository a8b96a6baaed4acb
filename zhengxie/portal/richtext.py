"""User HTML in, safe HTML out: nh3 with an allow-list (bold, lists, quotes, links, images)."""

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "ul", "ol", "li", "blockquote", "a", "img",
    "h3", "h4", "pre", "code", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}
# Images come only from this site's permission-checked attachment view: no tracking pixels,
# no mixed content, and a guest without download rights cannot fetch them either.
IMAGE_PREFIX = "/portal/attachments/"
_TAG = re.compile(r"<[a-zA-Z/!]")
_LINK = re.compile(r"(https?://|www\.|<a\s)", re.IGNORECASE)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not value.startswith(IMAGE_PREFIX):
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
