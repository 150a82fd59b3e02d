"""Paragraphs of a page's prose: the text lines outside tables, grouped by spacing and size.

A block of lines set close together may hold columns side by side: a label or side-heading
column beside its description ("Demand and future cost increase drivers £71.2m" right-aligned
left of "Forecast estimates for ..."), two columns of text, a page number beside a footer. A
gutter (an x range empty in every line of the block, wider than a word space) splits the block
into columns, each read top to bottom as paragraphs of its own, so that no passage runs a line
of one column into the line of the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.pdf.chunks import is_number
from extract.pdf.settings import LAYOUT
from extract.pdf.words import Line

BBox = tuple[float, float, float, float]

# A list's marker: a bullet, a paragraph or note number ('2.11', '(a)', 'iv.', '(:)'), a note's
# label ('Source:', 'NB:'). A column of them stays with the text it marks.
MARKER = re.compile(
    r"^([•●○◦▪■□‣►➢✓\-–—*·]|\(?(\d{1,3}(\.\d{1,3})*|[a-z]|[ivx]{1,5}|[*:†‡§])[.)]?\)?|[A-Z][\w .]{0,30}:)$",
    re.IGNORECASE,
)


@dataclass
class Paragraph:
    text: str
    bbox: BBox
    size: float  # the middle height of its lines
    bold: bool  # every line of it is bold


def paragraphs(lines: list[Line], skip: set[int]) -> list[Paragraph]:
    """Lines not in `skip`, grouped into paragraphs: block by block top to bottom, a block's
    columns left to right, each column's paragraphs top to bottom."""
    found: list[Paragraph] = []
    for block in _blocks(lines, skip):
        gutters = _gutters(block)
        cuts = [g.x for g in gutters if not g.keys]
        edges = [float("-inf"), *cuts, float("inf")]
        for low, high in zip(edges, edges[1:], strict=False):
            column = [cell for cell in (_cell(line, low, high) for line in block) if cell.words]
            keys = [g.x for g in gutters if g.keys and low < g.x < high]
            found += [_paragraph(group) for group in _groups(column, keys)]
    return found


@dataclass(frozen=True)
class Gutter:
    """Where a block's columns part (`x`, the middle of the strip between them). A gutter right of
    a column of keys (list markers, amounts) parts rows: each key starts a paragraph with the text
    beside it, the key kept with what it marks."""

    x: float
    keys: bool


def _blocks(lines: list[Line], skip: set[int]) -> list[list[Line]]:
    """Runs of lines set close one under the next, whatever their face: a side heading is
    often bold beside plain text. A table's lines end a run."""
    blocks: list[list[Line]] = []
    for index, line in enumerate(lines):
        if index in skip:
            if blocks and blocks[-1]:
                blocks.append([])
            continue
        if blocks and blocks[-1] and _close_below(blocks[-1][-1], line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return [block for block in blocks if block]


def _groups(lines: list[Line], keys: list[float]) -> list[list[Line]]:
    """One column's lines grouped into paragraphs top to bottom; a line with a word left of a
    gutter of keys starts one, and the lines beside and under its key follow it whatever their face."""
    groups: list[list[Line]] = []
    for line in lines:
        starts_row = any(line.x0 < x for x in keys)
        if keys and groups and not starts_row:
            joins = _close_below(groups[-1][-1], line) and not _size_changes(groups[-1][-1], line)
        else:
            joins = bool(groups) and not keys and _same_paragraph(groups[-1][-1], line)
        if joins:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _close_below(above: Line, line: Line) -> bool:
    return line.top - above.bottom <= LAYOUT.paragraph_gap * max(above.bottom - above.top, 1.0)


def _same_paragraph(above: Line, line: Line) -> bool:
    """Close below and the same size; a bold heading line never runs into the text under it."""
    return not _size_changes(above, line) and above.bold == line.bold and _close_below(above, line)


def _size_changes(above: Line, line: Line) -> bool:
    height = max(above.bottom - above.top, 1.0)
    return abs((line.bottom - line.top) - height) > LAYOUT.size_change * height


def _cell(line: Line, low: float, high: float) -> Line:
    words = [w for w in line.words if low < (w.x0 + w.x1) / 2 < high]
    return Line(words, bold=line.bold and bool(words) and words[0] is line.words[0])


def _gutters(block: list[Line]) -> list[Gutter]:
    """The middles of the block's gutters: x ranges no word of the block covers, wider than
    `LAYOUT.gutter_gap` heights, with words on both sides on `LAYOUT.gutter_lines` lines or more
    and the words right of it starting flush (a column's left edge; a river down justified prose
    starts its words anywhere). One line is enough where its gap is a column gap (wider than
    `LAYOUT.column_gap` heights) among word spaces it dwarfs (a footer's text and its page
    number): a justified line stretches all its spaces alike, so a wide space among wide ones
    never splits a line. A column of keys (bullets, paragraph numbers, 'Source:', amounts) parts
    rows, not columns."""
    heights = sorted(w.height for line in block for w in line.words)
    height = heights[len(heights) // 2]
    gutters: list[Gutter] = []
    for low, high in _empty_ranges(block):
        if high - low <= LAYOUT.gutter_gap * height:
            continue
        across = [line for line in block if line.x0 < low and line.x1 > high]
        starts = [next(w.x0 for w in line.words if w.x0 >= high) for line in block if line.x1 > high]
        flush = max(starts) - min(starts) <= LAYOUT.gutter_flush
        lone = len(across) == 1 and _lone_column_gap(across[0], low, high)
        if flush and (len(across) >= LAYOUT.gutter_lines or lone):
            after = gutters[-1].x if gutters else float("-inf")
            gutters.append(Gutter((low + high) / 2, _keys(block, after, low)))
    return gutters


def _keys(block: list[Line], low: float, high: float) -> bool:
    """Whether each line's words between `low` and `high`, where it has any, are a key: a list
    marker or an amount."""
    cells = [_cell(line, low, high) for line in block]
    return all(MARKER.match(cell.text) or is_number(cell.text) for cell in cells if cell.words)


def _empty_ranges(block: list[Line]) -> list[tuple[float, float]]:
    """The x ranges between the block's left and right edges that no word covers."""
    spans = sorted((w.x0, w.x1) for line in block for w in line.words)
    ranges: list[tuple[float, float]] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > reach:
            ranges.append((reach, x0))
        reach = max(reach, x1)
    return ranges


def _lone_column_gap(line: Line, low: float, high: float) -> bool:
    """Whether the one line across a gutter is split there by a column gap, not a stretched space."""
    pairs = zip(line.words, line.words[1:], strict=False)
    others = [b.x0 - a.x1 for a, b in pairs if not (a.x1 <= low and b.x0 >= high)]
    height = max(min(w.height for w in line.words), 1.0)
    wide = high - low > LAYOUT.column_gap * height
    return wide and bool(others) and high - low > LAYOUT.justified_gap * max(others)


def _paragraph(group: list[Line]) -> Paragraph:
    text = ""
    for line in group:
        part = line.text
        if text.endswith("-") and part[:1].islower():
            text = text[:-1] + part  # a word hyphenated at the line end
        else:
            text = f"{text} {part}" if text else part
    box = (
        min(ln.x0 for ln in group),
        min(ln.top for ln in group),
        max(ln.x1 for ln in group),
        max(ln.bottom for ln in group),
    )
    heights = sorted(ln.bottom - ln.top for ln in group)
    return Paragraph(text, box, heights[len(heights) // 2], all(ln.bold for ln in group))
