"""The annual review as PDF: title, prose, charts and tables, drawn in-process by reportlab
with the Chinese font it embeds (core.pdf). The charts are reportlab drawings, vector and
with their labels as text, so a reader finds the figures in them too."""

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from zhengxie.core.pdf import BODY, FONT, HEADING, TITLE, build, grid, text

from ..charts import PALETTE
from ..review import Chart, ReviewDocument, charts

WIDTH, HEIGHT = 160 * mm, 62 * mm


def _bar(chart: Chart, drawing: Drawing) -> None:
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 15 * mm, 10 * mm, WIDTH - 30 * mm, HEIGHT - 22 * mm
    bars.data = [chart.values]
    bars.categoryAxis.categoryNames = chart.labels
    bars.categoryAxis.labels.fontName = FONT
    bars.valueAxis.valueMin = 0
    bars.valueAxis.labels.fontName = FONT
    bars.bars[0].fillColor = colors.HexColor(PALETTE[0])
    bars.barLabelFormat = "%d"
    bars.barLabels.fontName = FONT
    bars.barLabels.nudge = 6
    drawing.add(bars)


def _pie(chart: Chart, drawing: Drawing) -> None:
    if not sum(chart.values):
        drawing.add(String(WIDTH / 2, HEIGHT / 2, "暂无数据", fontName=FONT, textAnchor="middle"))
        return
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = WIDTH / 2 - 22 * mm, 5 * mm, 44 * mm, 44 * mm
    pie.data = chart.values
    pie.labels = [
        f"{label} {value}" for label, value in zip(chart.labels, chart.values, strict=True)
    ]
    pie.slices.fontName = FONT
    for index in range(len(chart.values)):
        pie.slices[index].fillColor = colors.HexColor(PALETTE[index % len(PALETTE)])
    drawing.add(pie)


def drawing(chart: Chart) -> Drawing:
    canvas = Drawing(WIDTH, HEIGHT)
    canvas.add(
        String(
            WIDTH / 2, HEIGHT - 5 * mm, chart.title, fontName=FONT, fontSize=11, textAnchor="middle"
        )
    )
    (_pie if chart.kind == "pie" else _bar)(chart, canvas)
    return canvas


def build_review_pdf(review: ReviewDocument) -> bytes:
    figures = review.figures
    story = [text(review.title, TITLE)]
    if figures["rollup"]:
        story.append(text("（含所辖县级政协）", BODY))
    story.append(Spacer(1, 4 * mm))
    for heading, paragraph in review.paragraphs():
        if heading:
            story.append(text(heading, HEADING))
        story.append(text(paragraph, BODY))
    story.append(text("图表", HEADING))
    story.extend(drawing(chart) for chart in charts(figures))
    story.append(text("数据表", HEADING))
    for table in review.all_tables():
        story.extend([text(table.title, HEADING), grid(table.header, table.rows)])
    return build(story, title=review.title, author=figures["committee_name"])
