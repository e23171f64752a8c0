"""The geometry of server-drawn charts and of the Theory of Change diagram."""

from mutua.monitoring import charts


def test_bars_scale_to_the_largest_value_and_skip_missing_ones():
    chart = charts.bar_chart([("2024", 0), ("2025", 5), ("2026", 10), ("x", None)])
    heights = [bar.height for bar in chart.bars]
    assert heights[0] == 0 and heights[3] == 0
    assert heights[2] == chart.baseline - 14  # the tallest fills the room
    assert heights[1] == heights[2] / 2
    assert [bar.shown for bar in chart.bars] == ["0", "5", "10", "–"]
    assert all(b.y + b.height == chart.baseline for b in chart.bars)


def test_large_values_are_shortened():
    chart = charts.bar_chart([("a", 1_250_000), ("b", 25_000), ("c", 12.345)])
    assert [bar.shown for bar in chart.bars] == ["1.2M", "25k", "12.3"]


def test_no_points_draw_nothing():
    assert charts.bar_chart([]).bars == []


def test_the_diagram_puts_levels_side_by_side_and_assumptions_below():
    diagram = charts.theory_of_change(
        [("Inputs", [(1, "Money " * 12)]), ("Impact", [(2, "Target 19.2")])],
        [(3, "Capacity is built")],
        "Assumptions",
    )
    inputs, impact, assumptions = diagram.columns
    assert inputs.x < impact.x and len(inputs.boxes[0].lines) > 1
    assert all(len(line) <= 26 for line in inputs.boxes[0].lines)
    assert assumptions.boxes[0].y > inputs.boxes[0].y + inputs.boxes[0].height
    assert assumptions.boxes[0].width == diagram.width
    assert len(diagram.arrows) == 1
    assert diagram.height >= assumptions.boxes[0].y + assumptions.boxes[0].height
