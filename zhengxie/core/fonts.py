"""The Chinese font on the machine, for the charts and the PDF files: looked up among the
installed fonts, never downloaded or shipped (Debian: fonts-wqy-microhei)."""

from functools import cache

from matplotlib import font_manager

# In order of preference. The PDF files embed the first one reportlab can read: it embeds
# TrueType outlines only, so the Noto and Source Han fonts (CFF outlines) serve the charts.
CJK_FONTS = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
)


@cache
def installed_cjk_fonts() -> list[tuple[str, str]]:
    """(name, file) of each installed font of CJK_FONTS, in their order."""
    files = {entry.name: entry.fname for entry in font_manager.fontManager.ttflist}
    return [(name, files[name]) for name in CJK_FONTS if name in files]
