"""Bar charts drawn on the server as inline SVG: no script, and a text alternative that says what
the bars show (the table beside each chart holds the same figures)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from render.fmt import money_m


@dataclass(frozen=True)
class Series:
    name: str
    colour: str  # a fill with at least 3:1 contrast against white, as WCAG asks of graphics


@dataclass(frozen=True)
class ChartLayout:
    """Sizes in SVG units (the chart scales to its box)."""

    label_width: float = 230  # the category names' column
    bar_height: float = 12
    gap: float = 10  # between categories
    plot_width: float = 420
    value_width: float = 80  # the largest bar's amount, written after it
    legend_height: float = 26


LAYOUT = ChartLayout()


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    values: Sequence[Sequence[float]],
    layout: ChartLayout = LAYOUT,
) -> Markup:
    """Horizontal bars in £m: one group per category, one bar per series; values[c][s]."""
    largest = max((abs(v) for row in values for v in row), default=0.0) or 1.0
    group = layout.bar_height * len(series) + layout.gap
    height = layout.legend_height + group * len(categories)
    width = layout.label_width + layout.plot_width + layout.value_width
    scale = layout.plot_width / largest
    parts = [
        f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-labelledby="chart-title chart-desc"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(describe(categories, series, values))}</desc>',
    ]
    for s, item in enumerate(series):
        x = layout.label_width + s * 150
        parts.append(f'<rect x="{x:.0f}" y="4" width="12" height="12" fill="{item.colour}"/>')
        parts.append(f'<text x="{x + 16:.0f}" y="14" font-size="12">{escape(item.name)}</text>')
    for c, name in enumerate(categories):
        top = layout.legend_height + c * group
        middle = top + layout.bar_height * len(series) / 2 + 4
        parts.append(
            f'<text x="{layout.label_width - 6:.0f}" y="{middle:.1f}" font-size="12" text-anchor="end">'
            f"{escape(_short(name))}</text>"
        )
        for s, item in enumerate(series):
            value = values[c][s]
            y = top + s * layout.bar_height
            length = abs(value) * scale
            parts.append(
                f'<rect x="{layout.label_width:.0f}" y="{y:.1f}" width="{length:.1f}" '
                f'height="{layout.bar_height - 2:.0f}" fill="{item.colour}"/>'
            )
            parts.append(
                f'<text x="{layout.label_width + length + 4:.1f}" y="{y + layout.bar_height - 3:.1f}"'
                f' font-size="10">{escape(money_m(value))}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def describe(categories: Sequence[str], series: Sequence[Series], values: Sequence[Sequence[float]]) -> str:
    """The chart in words: each series' amount for each category."""
    lines = [
        f"{name}: "
        + ", ".join(f"{item.name.lower()} {money_m(values[c][s])}" for s, item in enumerate(series))
        for c, name in enumerate(categories)
    ]
    return "Bars in £m. " + "; ".join(lines) + "."


def _short(name: str, limit: int = 34) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
