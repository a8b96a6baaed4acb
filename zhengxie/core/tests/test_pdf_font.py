"""The PDF files carry their Chinese font: a reader without Chinese fonts (a phone, a
browser's viewer on a bare machine) shows the text as written, not boxes or blanks."""

import io

import pytest
from django.core.checks import run_checks
from pypdf import PdfReader

from zhengxie.core import pdf
from zhengxie.core.fonts import installed_cjk_fonts

pytestmark = pytest.mark.skipif(
    pdf.FONT != pdf.EMBEDDED_FONT,
    reason="no Chinese TrueType font on this machine (Debian: apt-get install fonts-wqy-microhei)",
)


def _fonts(document: bytes) -> list:
    reader = PdfReader(io.BytesIO(document))
    return [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]


def test_the_chinese_font_is_embedded_as_the_subset_the_text_uses():
    # given a document in Chinese
    document = pdf.build(
        [pdf.text("随州市政协2022年工作回眸", pdf.TITLE)], title="回眸", author="办公室"
    )
    # then its font is a TrueType program inside the file, and the text reads back
    fonts = _fonts(document)
    assert not [font for font in fonts if "STSong" in font["/BaseFont"]]
    chinese = [font for font in fonts if font["/Subtype"] != "/Type1"]  # Helvetica: page chrome
    assert chinese and all("/FontFile2" in _descriptor(font) for font in chinese)
    assert "随州市政协2022年工作回眸" in PdfReader(io.BytesIO(document)).pages[0].extract_text()
    # and the file holds the glyphs it uses, not the whole font
    assert len(document) < 200_000


def _descriptor(font) -> dict:
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object()


def test_the_deployment_check_is_quiet_with_a_chinese_font_and_warns_without(monkeypatch):
    assert installed_cjk_fonts()
    assert not [m for m in run_checks(include_deployment_checks=True) if m.id == "zhengxie.W006"]
    monkeypatch.setattr(pdf, "FONT", pdf.BUILT_IN_FONT)
    assert [m for m in run_checks(include_deployment_checks=True) if m.id == "zhengxie.W006"]
