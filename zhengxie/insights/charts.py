"""Charts drawn to PNG for the Word review. Chinese labels need a CJK font on the machine
(Debian: fonts-wqy-microhei or fonts-noto-cjk); it is looked up, never downloaded."""

import io

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot

from zhengxie.core.fonts import installed_cjk_fonts

PALETTE = ["#b71c1c", "#e57373", "#ffb74d", "#64b5f6", "#81c784", "#9575cd"]


def _figure():
    fonts = installed_cjk_fonts()
    if fonts:
        pyplot.rcParams["font.sans-serif"] = [fonts[0][0], "DejaVu Sans"]
    pyplot.rcParams["axes.unicode_minus"] = False
    return pyplot.subplots(figsize=(6, 3.2), dpi=150)


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    pyplot.close(fig)
    return buffer.getvalue()


def bar_chart(title: str, labels: list[str], values: list[float]) -> bytes:
    fig, ax = _figure()
    bars = ax.bar(labels, values, color=PALETTE[: len(values)] or PALETTE[0])
    ax.bar_label(bars)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def pie_chart(title: str, labels: list[str], values: list[float]) -> bytes:
    fig, ax = _figure()
    if sum(values) > 0:
        ax.pie(values, labels=labels, autopct="%1.1f%%", colors=PALETTE[: len(values)])
    ax.set_title(title)
    ax.axis("equal")
    return _png(fig)
