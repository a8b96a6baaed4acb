"""Account letters (账号开通通知书): a Word mail-merge, one page per member, for offices that
hand letters out at the plenary. Each page carries the member's name, log-in, one-time
activation code, its expiry, and a QR code of the activation link with the code filled in.

A committee's 300 letters, or all 1,119 at once, must come out in seconds, and python-docx's
convenient calls are quadratic in the length of the document: each `add_paragraph` scans the
whole body for the section properties it inserts before, and each `add_picture` looks every
earlier image up by hash, name and shape id (together 40 s for 1,119 pages). Here paragraphs
go straight in before the section properties, found once, and the QR pictures, all different,
are named and numbered here. The QR library is asked for its matrix only: it would otherwise
try all eight mask patterns to pick the easiest to scan (any one scans) and draw each module
as a rectangle in Python.
"""

import io
from dataclasses import dataclass
from datetime import datetime

import qrcode
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from PIL import Image as PILImage

QR_SIZE = Cm(3.5)
QR_PIXELS_PER_MODULE = 6  # about 160 dpi at 3.5 cm: sharp edges on an office printer


@dataclass(frozen=True)
class Letter:
    name: str
    mobile: str
    code: str  # as printed, ABCDE-FGHJK
    url: str  # the activation link with the code in it
    expires_at: datetime


def _qr_png(url: str) -> bytes:
    maker = qrcode.QRCode(border=2, mask_pattern=0)
    maker.add_data(url)
    maker.make(fit=True)
    matrix = maker.get_matrix()
    size = len(matrix)
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    image = PILImage.frombytes("L", (size, size), pixels).resize(
        (size * QR_PIXELS_PER_MODULE,) * 2, PILImage.Resampling.NEAREST
    )
    buffer = io.BytesIO()
    image.convert("1").save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


class _Pages:
    """Appends to a document's body in constant time per paragraph."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.section = document.element.body[-1]  # w:sectPr, always the body's last child

    def paragraph(self, text: str = "") -> Paragraph:
        element = OxmlElement("w:p")
        self.section.addprevious(element)
        paragraph = Paragraph(element, self.document._body)
        if text:
            paragraph.add_run(text)
        return paragraph

    def qr(self, number: int, url: str) -> None:
        """The QR code as a picture of its own, named, related and numbered by `number`."""
        image = Image.from_blob(_qr_png(url))
        part = ImagePart.from_image(image, PackURI(f"/word/media/qr{number:05d}.png"))
        rel_id = f"rIdQr{number}"
        self.document.part.rels.add_relationship(RELATIONSHIP_TYPE.IMAGE, part, rel_id)
        width, height = image.scaled_dimensions(QR_SIZE, QR_SIZE)
        inline = CT_Inline.new_pic_inline(10_000 + number, rel_id, image.filename, width, height)
        paragraph = self.paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run()._r.add_drawing(inline)


def _font(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")


def _field(pages: _Pages, label: str, value: str) -> None:
    paragraph = pages.paragraph(f"{label}：")
    value_run = paragraph.add_run(value)
    value_run.bold = True
    value_run.font.size = Pt(16)


def _page(pages: _Pages, committee_name: str, letter: Letter, number: int) -> None:
    heading = pages.paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = heading.add_run(
        _("%(committee)s履职平台账号开通通知书") % {"committee": committee_name}
    )
    title.bold, title.font.size = True, Pt(20)
    pages.paragraph(_("%(name)s委员：") % {"name": letter.name})
    pages.paragraph(
        _(
            "您的履职平台账号已开通。请用手机扫描下方二维码，或在浏览器中打开激活页面，"
            "输入登录手机号和激活码，设置您自己的密码。"
        )
    ).paragraph_format.first_line_indent = Pt(28)
    _field(pages, _("登录手机号"), letter.mobile)
    _field(pages, _("激活码"), letter.code)
    expiry = timezone.localtime(letter.expires_at)
    _field(pages, _("有效期至"), f"{expiry:%Y-%m-%d %H:%M}")
    pages.qr(number, letter.url)
    pages.paragraph(letter.url).alignment = WD_ALIGN_PARAGRAPH.CENTER
    pages.paragraph(
        _(
            "激活码只能使用一次，过期作废，请妥善保管本通知书，不要转交他人。激活后可用手机号和"
            "密码登录，也可用短信验证码登录；忘记密码时可用短信验证码重设。"
        )
    )


def account_letters_docx(*, committee_name: str, letters: list[Letter]) -> bytes:
    """One page per letter, in the order given."""
    document = Document()
    _font(document)
    pages = _Pages(document)
    for number, letter in enumerate(letters, start=1):
        _page(pages, committee_name, letter, number)
        if number < len(letters):
            pages.paragraph().add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
