"""What a page or an export must never carry once user text is in it: markup that runs script.

Pages are parsed, not searched: escaped text (`&lt;script&gt;`) is harmless and shows as the
person typed it, so only elements and attributes the parser really builds count. URLs are read
as a browser reads them: entities decoded (the parser does it), tabs and newlines dropped
anywhere, control characters and spaces dropped at the start, case ignored.
"""

import html
import io
import re
import zipfile
from html.parser import HTMLParser

from openpyxl import load_workbook

FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
_URL_NOISE = re.compile(r"[\t\n\r]")
_LEADING = re.compile(r"^[\x00-\x20]+")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _script_url(value: str) -> bool:
    url = _LEADING.sub("", _URL_NOISE.sub("", value)).lower()
    return url.startswith(SCRIPT_SCHEMES)


def _own(source: str) -> bool:
    return source.startswith("/") and not source.startswith("//")


def _script_style(value: str) -> bool:
    css = re.sub(r"\s", "", _CSS_COMMENT.sub("", value)).lower()
    return "expression(" in css or "url(javascript" in css or "url('javascript" in css


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._inline_script = False

    def handle_starttag(self, tag, attrs):
        found = self.problems.append
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_ELEMENTS:
            found(f"<{tag}> element")
        if tag == "script":
            self._inline_script = values.get("type") != "application/json"
            source = values.get("src", "")
            if source and not _own(source):
                found(f"<script src={source!r}> from another site")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            found("<meta http-equiv=refresh>")
        for name, value in values.items():
            if name.startswith(("on", "hx-on", "data-hx-on")):
                found(f"<{tag} {name}=...> event handler")
            elif name == "srcdoc":
                found(f"<{tag} srcdoc>")
            elif name in URL_ATTRIBUTES and _script_url(value):
                found(f"<{tag} {name}={value!r}>")
            elif name == "style" and _script_style(value):
                found(f"<{tag} style={value!r}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._inline_script and data.strip():
            self.problems.append(f"inline <script>: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline_script = False


def unsafe_markup(html: str) -> list[str]:
    """Every piece of markup in the page that could run script; an empty list when none."""
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.problems


def docx_text_and_fields(content: bytes) -> tuple[str, list[str]]:
    """The text of a Word file's runs, and every field instruction and external relationship
    in it (a HYPERLINK field or a link is what turns typed text into something to click)."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        xml = {
            name: package.read(name).decode()
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }
    body = "".join(text for name, text in xml.items() if name.startswith("word/document"))
    runs = html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body)))
    fields = re.findall(r"<w:instrText[^>]*>([^<]*)<", body)
    fields += re.findall(r'<w:fldSimple [^>]*w:instr="([^"]*)"', body)
    fields += re.findall(r"<w:hyperlink\b[^>]*>", body)
    for name, text in xml.items():
        if name.endswith(".rels"):
            fields += re.findall(r'<Relationship [^>]*TargetMode="External"[^>]*>', text)
    return runs, fields


def xlsx_formulas(content: bytes) -> list[str]:
    """Every cell of the workbook that Excel would evaluate, as `sheet!A1: formula`."""
    book = load_workbook(io.BytesIO(content))
    return [
        f"{sheet.title}!{cell.coordinate}: {cell.value}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
