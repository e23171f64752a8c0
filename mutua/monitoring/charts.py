"""Chart and diagram geometry for SVG drawn on the server: no script, no CDN.

Pure functions: numbers in, boxes and bars out; the templates draw them.
"""

import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    shown: str  # the value as printed above the bar, "–" when there is none


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]


def bar_chart(
    points: list[tuple[str, float | None]], width: int = 240, height: int = 90
) -> BarChart:
    """Bars for (label, value) points, scaled to the largest value.

    Room is kept above the bars for the values and below for the labels. A
    missing value (a share of nothing) draws no bar, only a dash.
    """
    top, bottom = 14, 16
    baseline = height - bottom
    room = baseline - top
    largest = max((v for _, v in points if v), default=0)
    slot = width / max(len(points), 1)
    bars = []
    for n, (label, value) in enumerate(points):
        tall = room * value / largest if largest and value else 0
        bars.append(
            Bar(
                x=round(n * slot + slot * 0.15, 1),
                y=round(baseline - tall, 1),
                width=round(slot * 0.7, 1),
                height=round(tall, 1),
                label=label,
                shown="–" if value is None else _short(value),
            )
        )
    return BarChart(width, height, baseline, bars)


def _short(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if value >= 10_000:
        return f"{value / 1000:.0f}k"
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    lines: list[str]
    step_id: int | None = None


@dataclass(frozen=True)
class Column:
    title: str
    x: float
    title_y: float
    width: float
    boxes: list[Box]


@dataclass(frozen=True)
class Diagram:
    width: float
    height: float
    columns: list[Column]
    arrows: list[tuple[float, float, float]]  # x from, x to, y


def theory_of_change(
    chain: list[tuple[str, list[tuple[int | None, str]]]],
    assumptions: list[tuple[int | None, str]],
    assumptions_title: str,
    column_width: int = 170,
    gap: int = 28,
    chars: int = 26,
) -> Diagram:
    """Columns left to right (inputs → … → impact), assumptions in a band below."""
    line, pad, spacing, head = 14, 8, 10, 30
    columns = []
    tallest = 0.0
    for n, (title, steps) in enumerate(chain):
        x = n * (column_width + gap)
        y = head
        boxes = []
        for step_id, text in steps:
            lines = textwrap.wrap(text, chars) or [""]
            height = len(lines) * line + 2 * pad
            boxes.append(Box(x, y, column_width, height, lines, step_id))
            y += height + spacing
        tallest = max(tallest, y)
        columns.append(Column(title, x, head - 12, column_width, boxes))
    width = len(chain) * (column_width + gap) - gap
    arrows = [
        (c.x + column_width + 2, c.x + column_width + gap - 2, head + 20)
        for c in columns[:-1]
    ]
    wide = max(int(width / 7.2), chars)
    y = tallest + head
    boxes = []
    for step_id, text in assumptions:
        lines = textwrap.wrap(text, wide) or [""]
        height = len(lines) * line + 2 * pad
        boxes.append(Box(0, y, width, height, lines, step_id))
        y += height + spacing
    columns.append(Column(assumptions_title, 0, tallest + head - 12, width, boxes))
    return Diagram(width, y, columns, arrows)
