"""Small vector charts as SVG text: horizontal bars, grouped columns and lines.

Charts are labelled directly (every bar and point carries its value) instead of having a numeric
axis, so a reader never has to estimate a figure and every number shown is one the review holds.
Series are told apart by fill pattern as well as tone, so they read in greyscale; each chart has a
<title> and <desc> (WeasyPrint turns the title into the PDF figure's alternate text).

The markup is kept small for WeasyPrint, which parses every attribute and draws every element on
its own: the text defaults (TEXT_DEFAULTS) are set once on the <svg> and inherited, a chart defines
only the fill patterns it uses, and the bars of one style, like the markers of one line, are one
<path> each.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from render import fit
from render.refs import Fig

FONT = "Liberation Sans, DejaVu Sans, sans-serif"
INK = "#1d2b36"
MUTED = "#5b6770"
STYLES = ("solid", "hatch", "light", "dots", "outline", "cross")
TEXT_SIZE = 9.0
CHAR_W = 5.2  # about the width of a character at TEXT_SIZE: what fits where
# Set on the <svg> and inherited by every <text>, which writes only what differs.
TEXT_DEFAULTS = {"font-family": FONT, "font-size": f"{TEXT_SIZE:g}", "fill": INK}
LEGEND_ROW = 13.0  # the height of one row of a legend that wraps
WRAPPED_LINE = 9.0  # the line height of a bar's label wrapped onto lines, set at 8 pt
EMU_PER_POINT = 12_700  # fit measures in EMU
WHOLE_LABELS_SHARE = 0.6  # the most of an hbar chart's width its labels take when kept whole
_ids = itertools.count(1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str | Fig  # a Fig's label carries its ref (render.refs)
    style: str = "solid"


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    texts: Sequence[str | Fig]
    style: str = "solid"


def _defs(prefix: str, styles: Iterable[str]) -> str:
    """The fill patterns among `styles`, for one chart; ids are prefixed so charts in one
    document do not collide."""
    patterns = {
        "hatch": f'<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="2.2"/></pattern>',
        "dots": f'<pattern id="{prefix}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="#ffffff"/><circle cx="2.5" cy="2.5" r="1.2" fill="{INK}"/></pattern>',
        "cross": f'<pattern id="{prefix}-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#e9edf0"/><path d="M0 3H6M3 0V6" stroke="{MUTED}" stroke-width="1"/>'
        f"</pattern>",
    }
    used = "".join(patterns[style] for style in dict.fromkeys(styles) if style in patterns)
    return f"<defs>{used}</defs>" if used else ""


def _fill(prefix: str, style: str) -> str:
    fills = {
        "solid": f'fill="{INK}"',
        "light": 'fill="#9fb0bd"',
        "outline": 'fill="#ffffff"',
        "hatch": f'fill="url(#{prefix}-hatch)"',
        "dots": f'fill="url(#{prefix}-dots)"',
        "cross": f'fill="url(#{prefix}-cross)"',
    }
    return fills.get(style, fills["solid"]) + f' stroke="{INK}" stroke-width="0.8"'


def _text(
    x: float,
    y: float,
    s: str | Fig,
    anchor: str = "start",
    size: float = TEXT_SIZE,
    weight: str = "normal",
    fill: str = INK,
) -> str:
    """A label; attributes the <svg> already sets (TEXT_DEFAULTS, SVG's own) are left out. A figure
    in doubt is drawn with its doubt's words after it, in a label of their own, so that the label
    a ref traces holds the figure alone."""
    if isinstance(s, Fig) and s.doubt:
        # SVG drops a label's leading space: the words are set a space's width after the figure
        fig_w, gap_w, words_w = (
            fit.text_width(t, size, weight == "bold") / EMU_PER_POINT
            for t in (s.text, " ", s.doubt_words.strip())
        )
        whole = fig_w + gap_w + words_w
        start = {"start": x, "end": x - whole, "middle": x - whole / 2}[anchor]
        return _text(start, y, s.bare, "start", size, weight, fill) + _text(
            start + fig_w + gap_w, y, s.doubt_words.strip(), "start", size, weight, fill
        )
    tags = s.attrs() if isinstance(s, Fig) else ""
    extra = "".join(
        f' {name}="{value}"'
        for name, value, default in (
            ("font-size", f"{size:g}", TEXT_DEFAULTS["font-size"]),
            ("font-weight", weight, "normal"),
            ("fill", fill, TEXT_DEFAULTS["fill"]),
            ("text-anchor", anchor, "start"),
        )
        if value != default
    )
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}{tags}>{escape(str(s))}</text>'


def _svg(title: str, desc: str, width: float, height: float, body: str, defs: str) -> str:
    label = escape(f"{title}. {desc}", quote=True)
    inherited = "".join(f' {name}="{value}"' for name, value in TEXT_DEFAULTS.items())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" class="chart"{inherited}>'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{defs}{body}</svg>"
    )


def _box(x: float, y: float, w: float, h: float) -> str:
    """A rectangle as path data: one subpath of a style's <path>."""
    return f"M{x:.1f} {y:.1f}h{w:.1f}v{h:.1f}h{-w:.1f}Z"


def _boxes(prefix: str, boxes: dict[str, list[str]]) -> str:
    """One <path> per style, holding every box drawn in it."""
    return "".join(f'<path d="{"".join(d)}" {_fill(prefix, style)}/>' for style, d in boxes.items() if d)


def _legend(
    prefix: str, items: Sequence[tuple[str, str]], x: float, y: float, width: float
) -> tuple[str, int]:
    """Each item's swatch and name, wrapped onto further rows where a row would pass `width`
    (a legend cut at the chart's edge leaves series unnamed); the markup and how many rows."""
    parts, start, rows = [], x, 1
    for name, style in items:
        step = 26 + CHAR_W * len(name)
        if x > start and x + step - 10 > width:
            x, y, rows = start, y + LEGEND_ROW, rows + 1
        parts.append(f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="12" height="10" {_fill(prefix, style)}/>')
        parts.append(_text(x + 16, y, name, size=8.5))
        x += step
    return "".join(parts), rows


def _clip(label: str, chars: int) -> str:
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _wrap(label: str, chars: int) -> list[str]:
    """The label on one line, or where it is longer than `chars`, broken at words onto as many lines
    as it takes: onto two before a bracket where one opens (a council's name, then "(standing in)"),
    else where the two come out most even; failing two, at the last word that fits each line. Only a
    single word longer than a line is cut short."""
    if len(label) <= chars:
        return [label]
    breaks = [i for i, c in enumerate(label) if c == " " and i <= chars and len(label) - i - 1 <= chars]
    if breaks:
        at = next(
            (i for i in breaks if label[i + 1] == "("), min(breaks, key=lambda i: abs(len(label) - 2 * i))
        )
        return [label[:at], label[at + 1 :]]
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(_clip(word, chars))
    return lines


def value_width(text: str | Fig) -> float:
    """The width of a bar's value as printed (bold, at TEXT_SIZE), in the chart's units (points)."""
    return fit.text_width(str(text), TEXT_SIZE, bold=True) / EMU_PER_POINT


def hbar_chart(
    title: str,
    desc: str,
    bars: Sequence[Bar],
    width: float = 640,
    legend: Sequence[tuple[str, str]] = (),
    whole_labels: bool = False,
) -> str:
    """Horizontal bars from a zero line; negative values run left (a variance chart). A label
    longer than its room wraps onto further lines (`_wrap`), its row as tall as they need:
    `whole_labels` first widens the room to fit it (up to WHOLE_LABELS_SHARE of the width), for
    labels best kept on one line (a council's name)."""
    prefix = f"c{next(_ids)}"
    # the room after a bar's end holds its value's words whole ("Requires improvement", not "Requires im")
    row, pad = 22, max([56.0, *(value_width(b.text) + 8 for b in bars)])
    label_w = min(230.0, width * 0.38)
    if whole_labels:
        longest = max((len(b.label) for b in bars), default=0)
        label_w = max(label_w, min(width * WHOLE_LABELS_SHARE, CHAR_W * (longest + 1) + 6))
    lo = min([0.0, *(b.value for b in bars)])
    hi = max([0.0, *(b.value for b in bars)])
    span = (hi - lo) or 1.0
    left = pad if lo < 0 else 4  # room for labels of bars running left
    plot_w = width - label_w - left - pad
    zero = label_w + left + plot_w * (-lo / span)
    key, rows = _legend(prefix, legend, label_w, 12, width) if legend else ("", 0)
    top = 6 + LEGEND_ROW * rows + (5 if rows else 0)
    labels = [_wrap(bar.label, int(label_w / CHAR_W)) for bar in bars]
    # a row of two or more smaller lines grows past two by a line's height each
    heights = [row + WRAPPED_LINE * max(len(lines) - 2, 0) for lines in labels]
    height = top + sum(heights) + 8
    body = [key]
    boxes: dict[str, list[str]] = {}
    y = top
    for bar, lines, h in zip(bars, labels, heights, strict=True):
        x0 = zero + plot_w * min(bar.value, 0) / span
        w = max(plot_w * abs(bar.value) / span, 0.8)
        mid = y + h / 2  # the bar and its value sit in the middle of the row's lines
        if len(lines) == 1:
            body.append(_text(label_w - 6, mid + 3, lines[0], anchor="end"))
        else:  # smaller lines, as many as the label takes
            first = mid + 3 - WRAPPED_LINE * (len(lines) - 1) / 2
            body += [
                _text(label_w - 6, first + WRAPPED_LINE * k, t, anchor="end", size=8)
                for k, t in enumerate(lines)
            ]
        boxes.setdefault(bar.style, []).append(_box(x0, mid - row / 2 + 4, w, row - 8))
        tx, anchor = (x0 + w + 4, "start") if bar.value >= 0 else (x0 - 4, "end")
        body.append(_text(tx, mid + 3, bar.text, anchor=anchor, weight="bold"))
        y += h
    body.append(_boxes(prefix, boxes))
    body.append(
        f'<line x1="{zero:.1f}" y1="{top}" x2="{zero:.1f}" y2="{height - 6}" stroke="{INK}" stroke-width="1"/>'
    )
    defs = _defs(prefix, [*(style for _, style in legend), *boxes])
    return _svg(title, desc, width, height, "".join(body), defs)


def column_chart(
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    width: float = 640,
    height: float = 230,
) -> str:
    """Grouped columns, one group per category (a year), one column per series, from a zero line:
    a negative value runs below it, its label under it. The legend names every series, on as many
    rows as it takes."""
    prefix = f"c{next(_ids)}"
    left, label_h = 10, 12
    key, rows = _legend(prefix, [(s.name, s.style) for s in series], left, 12, width - left)
    top = 6 + LEGEND_ROW * rows + 12
    height += LEGEND_ROW * (rows - 1)
    values = [v for s in series for v in s.values if v is not None]
    hi, lo = max([*values, 0.0]), min([*values, 0.0])
    below = label_h if lo < 0 else 0  # room for the labels under negative columns
    plot_h = height - top - 26 - 14 - below
    scale = plot_h / ((hi - lo) or 1.0)
    zero = top + 10 + hi * scale
    group_w = (width - 2 * left) / max(len(categories), 1)
    col_w = min(44.0, group_w * 0.8 / max(len(series), 1))
    axis = zero + (-lo * scale) + below  # the categories' names sit under the lowest column
    body = [key]
    boxes: dict[str, list[str]] = {}
    for c, cat in enumerate(categories):
        gx = left + c * group_w + (group_w - col_w * len(series)) / 2
        for k, s in enumerate(series):
            v = s.values[c]
            if v is None:
                continue
            h = max(abs(v) * scale, 0.8)
            x = gx + k * col_w
            y, ty = (zero - h, zero - h - 3) if v >= 0 else (zero, zero + h + 9)
            boxes.setdefault(s.style, []).append(_box(x, y, col_w - 3, h))
            body.append(_text(x + (col_w - 3) / 2, ty, s.texts[c], anchor="middle", size=8))
        body.append(_text(left + c * group_w + group_w / 2, axis + 15, cat, anchor="middle"))
    body.append(_boxes(prefix, boxes))
    body.append(
        f'<line x1="{left}" y1="{zero:.1f}" x2="{width - left}" y2="{zero:.1f}" stroke="{INK}" stroke-width="1"/>'
    )
    defs = _defs(prefix, [s.style for s in series])
    return _svg(title, desc, width, height, "".join(body), defs)


MARKERS = ("circle", "square", "triangle", "diamond")
MARKER_R = 3.6  # a circle marker's radius; the others are drawn to about its size
POINT_LABEL = 7.5  # the size of a line's point labels, in points
LABEL_H = 6.0  # a point label's height above its baseline (its digits' height at POINT_LABEL)


def _marker_d(kind: str, x: float, y: float) -> str:
    """One marker as path data, centred on (x, y)."""
    if kind == "square":
        return _box(x - 3.5, y - 3.5, 7, 7)
    if kind == "triangle":
        return f"M{x:.1f} {y - 4.5:.1f}L{x + 4:.1f} {y + 3:.1f}L{x - 4:.1f} {y + 3:.1f}Z"
    if kind == "diamond":
        return f"M{x:.1f} {y - 4.5:.1f}L{x + 4.5:.1f} {y:.1f}L{x:.1f} {y + 4.5:.1f}L{x - 4.5:.1f} {y:.1f}Z"
    r = MARKER_R
    return f"M{x - r:.1f} {y:.1f}a{r} {r} 0 1 0 {2 * r:.1f} 0a{r} {r} 0 1 0 {-2 * r:.1f} 0Z"


def _markers(kind: str, points: Sequence[tuple[float, float]], filled: bool) -> str:
    """Every marker of one line as one <path>."""
    if not points:
        return ""
    d = "".join(_marker_d(kind, x, y) for x, y in points)
    return f'<path d="{d}" fill="{INK if filled else "#ffffff"}" stroke="{INK}"/>'


DASHES = ("", "5 3", "2 2", "8 3 2 3")


def _line_legend(names: Sequence[str], x: float, y: float, width: float) -> tuple[str, int]:
    """Each line's name after a sample of its own dash and marker (a filled swatch would match no
    line), wrapped onto further rows where a row would pass `width`; the markup and how many rows."""
    parts, start, rows = [], x, 1
    for k, name in enumerate(names):
        step = 34 + CHAR_W * len(name)
        if x > start and x + step - 10 > width:
            x, y, rows = start, y + LEGEND_ROW, rows + 1
        dash = DASHES[k % len(DASHES)]
        parts.append(
            f'<line x1="{x:.1f}" y1="{y - 3:.1f}" x2="{x + 18:.1f}" y2="{y - 3:.1f}" stroke="{INK}" '
            f'stroke-width="{1.8 if k == 0 else 1.1}" stroke-dasharray="{dash}"/>'
        )
        parts.append(_markers(MARKERS[k % len(MARKERS)], [(x + 9, y - 3)], k == 0))
        parts.append(_text(x + 22, y, name, size=8.5))
        x += step
    return "".join(parts), rows


def line_chart(
    title: str,
    desc: str,
    periods: Sequence[str],
    series: Sequence[Series],
    width: float = 300,
    height: float = 150,
) -> str:
    """Lines over years, each with its own marker and dash; the first series' points are labelled,
    and each other series' last point, in a margin to the right. The legend names every line, on
    as many rows as it takes."""
    # one line needs no legend: the title names it
    key, rows = _line_legend([s.name for s in series], 6, 11, width - 6) if len(series) > 1 else ("", 0)
    top, bottom, side = 16 + LEGEND_ROW * rows, 22, 24
    height += LEGEND_ROW * max(rows - 1, 0)
    right = 56 if len(series) > 1 else 0  # room for the other lines' last labels
    values = [v for s in series for v in s.values if v is not None]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    span = (hi - lo) or 1.0
    step = (width - 2 * side - right) / max(len(periods) - 1, 1)
    plot_h = height - top - bottom - 24  # 12 more below: room for a label under the lowest point

    def xy(i: int, v: float) -> tuple[float, float]:
        return side + i * step, top + 10 + plot_h * (1 - (v - lo) / span)

    body = [key]
    ends: list[tuple[float, float, str | Fig]] = []  # the other lines' last points' labels
    others = [[xy(i, v) for i, v in enumerate(s.values) if v is not None] for s in series[1:]]
    drawn: list[tuple[float, float, float, float]] = []  # the point labels drawn: left, right, top, bottom
    for k, s in enumerate(series):
        pts = [xy(i, v) for i, v in enumerate(s.values) if v is not None]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="{1.8 if k == 0 else 1.1}" '
            f'stroke-dasharray="{DASHES[k % len(DASHES)]}"/>'
        )
        body.append(_markers(MARKERS[k % len(MARKERS)], pts, k == 0))
        if k == 0:
            for i, (v, t) in enumerate(zip(s.values, s.texts, strict=True)):
                if v is not None:
                    x, y = xy(i, v)
                    width_t = CHAR_W * POINT_LABEL / TEXT_SIZE * len(str(t))
                    baseline = _label_y(x, y, width_t, [pts, *others], top - 4, top + 24 + plot_h, drawn)
                    drawn.append((x - width_t / 2, x + width_t / 2, baseline - LABEL_H, baseline + 1.5))
                    body.append(_text(x, baseline, t, anchor="middle", size=POINT_LABEL, weight="bold"))
        elif pts:
            last = [t for v, t in zip(s.values, s.texts, strict=True) if v is not None][-1]
            ends.append((pts[-1][0] + 13, pts[-1][1] + 3, last))
    placed = -1e9
    for x, y, t in sorted(ends, key=lambda e: e[1]):  # labels close together are pushed apart
        placed = max(y, placed + 9)
        body.append(_text(x, placed, t, size=7.5))
    every = _label_every(periods, step, 7.5)
    for i, p in enumerate(periods):
        if (len(periods) - 1 - i) % every == 0:  # the last period always labelled; the desc names each
            body.append(_text(side + i * step, height - 6, p, anchor="middle", size=7.5, fill=MUTED))
    return _svg(title, desc, width, height, "".join(body), "")


def _label_every(periods: Sequence[str], step: float, size: float) -> int:
    """Label every n-th period so that neighbouring labels, `step` apart, do not run together."""
    wide = max((len(p) for p in periods), default=0) * CHAR_W * size / TEXT_SIZE + 6
    return max(1, math.ceil(wide / step)) if step > 0 else 1


def _label_y(
    x: float,
    y: float,
    width: float,
    lines: Sequence[Sequence[tuple[float, float]]],
    top: float,
    bottom: float,
    placed: Sequence[tuple[float, float, float, float]] = (),
) -> float:
    """The baseline of the label (`width` wide, centred on `x`) of a point at `y` of the first of
    `lines`: the first of above it, below it, then further above and below, where the label's box
    clears every line (the others' segments and markers across the label's width, its own line's
    segments either side of its point) and the labels already `placed` (left, right, top, bottom:
    a neighbouring year's), and stays between `top` and `bottom`; failing all, the one that clears
    them most."""
    left, right = x - width / 2, x + width / 2
    own, others = lines[0], lines[1:]
    heights = [h for line in others for h in _heights(line, left, right)]
    heights += [h for h in _heights(own, left, right) if h != y]
    beside = [(t, b) for lo, hi, t, b in placed if lo < right and hi > left]
    best, clearance = y - 7, -math.inf
    for baseline in (y - 7, y + 14, y - 16, y + 23, y - 25, y + 32):
        box_top, box_bottom = baseline - LABEL_H, baseline + 1.5
        if box_top < top - 4 or box_bottom > bottom:
            continue
        room = min((max(box_top - h, h - box_bottom) for h in heights), default=math.inf)
        apart = min((max(box_top - b, t - box_bottom) for t, b in beside), default=math.inf)
        if room >= MARKER_R and apart >= 1:
            return baseline
        if min(room, apart + MARKER_R) > clearance:
            best, clearance = baseline, min(room, apart + MARKER_R)
    return best


def _heights(line: Sequence[tuple[float, float]], left: float, right: float) -> list[float]:
    """Where a line (its points, left to right) lies between `left` and `right`: its points there
    and its height at both edges, where it crosses them."""
    out = [y for x, y in line if left <= x <= right]
    for (x0, y0), (x1, y1) in itertools.pairwise(line):
        for edge in (left, right):
            if x0 <= edge <= x1 and x1 > x0:
                out.append(y0 + (y1 - y0) * (edge - x0) / (x1 - x0))
    return out
