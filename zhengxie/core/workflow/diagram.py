"""A workflow drawn for people, as SVG generated from its table: states in rows by how many
steps they are from the first state, each arrow numbered; the numbers are the rows of the
transition table printed beside it. No layout engine and nothing fetched: the page and
`docs/workflows/` carry the same drawing."""

import unicodedata
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .definition import Workflow

FONT_SIZE = 13
NODE_HEIGHT = 34
ROW_GAP = 70
COLUMN_GAP = 28
MARGIN = 24


def text_width(text: str) -> int:
    """Wide (CJK) characters take about a font size, others a little over half of one."""
    return sum(
        FONT_SIZE if unicodedata.east_asian_width(c) in "WF" else FONT_SIZE * 0.6 for c in text
    )


def layers(workflow: Workflow) -> list[list[str]]:
    """States by breadth-first distance from the first state; unreachable ones last."""
    depth = {workflow.states[0].code: 0}
    frontier = [workflow.states[0].code]
    while frontier:
        following = []
        for code in frontier:
            for t in workflow.transitions:
                if code in t.sources and t.target not in depth:
                    depth[t.target] = depth[code] + 1
                    following.append(t.target)
        frontier = following
    last = max(depth.values()) + 1
    rows: dict[int, list[str]] = {}
    for state in workflow.states:
        rows.setdefault(depth.get(state.code, last), []).append(state.code)
    return [rows[k] for k in sorted(rows)]


def edges(workflow: Workflow) -> list[tuple[int, str, str]]:
    """(number, source, target) for each arrow; the number is the transition's table row."""
    return [
        (number, source, t.target)
        for number, t in enumerate(workflow.transitions, start=1)
        for source in sorted(t.sources, key=lambda c: [s.code for s in workflow.states].index(c))
        if source != t.target
    ]


def render_svg(workflow: Workflow) -> SafeString:
    """Safe to put in a page: every label is escaped here, the rest is our own markup."""
    labels = {s.code: str(s.label) for s in workflow.states}
    terminal = workflow.terminal_states()
    boxes, width = _place(layers(workflow), labels)
    height = MARGIN * 2 + len({y for _x, y, _w in boxes.values()}) * (NODE_HEIGHT + ROW_GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        # Drawn at its own size (a small table is not blown up), shrunk on narrow screens.
        f'width="{width}" height="{height}" '
        f'class="workflow-diagram" role="img" aria-label="{escape(str(workflow.label))}" '
        f'font-size="{FONT_SIZE}" font-family="sans-serif">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#555"/></marker></defs>',
    ]
    parts += [_arrow(number, boxes[s], boxes[t]) for number, s, t in edges(workflow)]
    parts += [_box(labels[code], box, code in terminal) for code, box in boxes.items()]
    parts.append("</svg>")
    return mark_safe("\n".join(parts))


def _place(rows: list[list[str]], labels: dict[str, str]):
    """Each state's box as (x, y, width), rows centred; and the drawing's width."""
    widths = {code: max(88, text_width(label) + 24) for code, label in labels.items()}
    row_widths = [sum(widths[c] for c in row) + COLUMN_GAP * (len(row) - 1) for row in rows]
    width = int(max(row_widths) + MARGIN * 2)
    boxes = {}
    for index, (row, row_width) in enumerate(zip(rows, row_widths, strict=True)):
        x = (width - row_width) / 2
        y = MARGIN + index * (NODE_HEIGHT + ROW_GAP)
        for code in row:
            boxes[code] = (x, y, widths[code])
            x += widths[code] + COLUMN_GAP
    return boxes, width


def _box(label: str, box, terminal: bool) -> str:
    x, y, w = box
    stroke = 'stroke-width="2.5"' if terminal else 'stroke-width="1.2"'
    return (
        f'<g><rect x="{x:.0f}" y="{y}" width="{w:.0f}" height="{NODE_HEIGHT}" rx="8" '
        f'fill="#f4f7fb" stroke="#345" {stroke}/>'
        f'<text x="{x + w / 2:.0f}" y="{y + NODE_HEIGHT / 2 + FONT_SIZE / 2 - 2:.0f}" '
        f'text-anchor="middle" fill="#123">{escape(label)}</text></g>'
    )


def _arrow(number: int, source, target) -> str:
    (sx, sy, sw), (tx, ty, tw) = source, target
    if ty > sy:  # downwards: bottom centre to top centre
        x1, y1, x2, y2 = sx + sw / 2, sy + NODE_HEIGHT, tx + tw / 2, ty
        bend = (x1, y1 + ROW_GAP / 2, x2, y2 - ROW_GAP / 2)
    elif ty == sy:  # along a row: bottom to bottom, dipping into the gap below the row
        x1, y1, x2, y2 = sx + sw / 2, sy + NODE_HEIGHT, tx + tw / 2, ty + NODE_HEIGHT
        depth = min(ROW_GAP * 0.8, 24 + abs(x2 - x1) / 5)
        bend = (x1, y1 + depth, x2, y2 + depth)
    else:  # back up: leave and arrive on the right, bulging outwards
        x1, y1 = sx + sw, sy + NODE_HEIGHT / 2
        x2, y2 = tx + tw, ty + NODE_HEIGHT / 2
        reach = 40 + abs(y1 - y2) / 4
        bend = (x1 + reach, y1, x2 + reach, y2)
    mx = (x1 + 3 * bend[0] + 3 * bend[2] + x2) / 8
    my = (y1 + 3 * bend[1] + 3 * bend[3] + y2) / 8
    return (
        f'<g><path d="M{x1:.0f},{y1:.0f} C{bend[0]:.0f},{bend[1]:.0f} {bend[2]:.0f},'
        f'{bend[3]:.0f} {x2:.0f},{y2:.0f}" fill="none" stroke="#555" '
        f'marker-end="url(#arrow)"/><circle cx="{mx:.0f}" cy="{my:.0f}" r="9" fill="#fff" '
        f'stroke="#555"/><text x="{mx:.0f}" y="{my + 4:.0f}" text-anchor="middle" '
        f'font-size="11">{number}</text></g>'
    )
