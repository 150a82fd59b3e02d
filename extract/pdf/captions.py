"""What the text around a PDF table says about it: its title and the unit of its amounts."""

from __future__ import annotations

import re

from extract.pdf.settings import LAYOUT
from extract.pdf.words import Line
from extract.reading import find_unit

CAPTION = re.compile(r"^(table|figure|fig\.|chart|graph|diagram|appendix|annex)\s*[\w.]*\d", re.IGNORECASE)
PICTURES = {"figure", "fig.", "chart", "graph", "diagram"}


def caption_kind(text: str) -> str | None:
    """'table', 'figure' (any picture) or None: what a 'Table 3:' / 'Figure 1:' line announces."""
    match = CAPTION.match(text.strip())
    if match is None:
        return None
    return "figure" if match.group(1).lower() in PICTURES else "table"


def lines_above(lines: list[Line], top: float, x0: float, x1: float, taken: set[int]) -> list[int]:
    """The run of free text lines just above a table (its caption or heading), nearest last."""
    chosen: list[int] = []
    edge = top
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.bottom > top + LAYOUT.caption_slack:
            continue
        height = max(line.bottom - line.top, 1.0)
        overlaps = line.x1 > x0 and line.x0 < x1
        if index in taken or not overlaps or edge - line.bottom > LAYOUT.caption_gap * height:
            break
        chosen.append(index)
        edge = line.top
        if len(chosen) == LAYOUT.title_lines:
            break
    return sorted(chosen)


def unit_note_above(lines: list[Line], top: float, taken: set[int]) -> str:
    """A short unit note set just above a table but not over it ('£'000' at the right margin
    over a narrower table, 'All figures in £m'): the nearest free line above, if it is one."""
    # Set tight on the table, its descenders may reach below the heading row's top.
    above = [
        i
        for i, ln in enumerate(lines)
        if ln.bottom <= top + LAYOUT.descender_reach * (ln.bottom - ln.top) and i not in taken
    ]
    if not above:
        return ""
    line = lines[max(above, key=lambda i: lines[i].bottom)]
    near = top - line.bottom <= LAYOUT.unit_note_gap * max(line.bottom - line.top, 1.0)
    short = len(line.words) <= LAYOUT.unit_note_words
    return line.text if near and short and find_unit(line.text) else ""


def lines_below(lines: list[Line], bottom: float, x0: float, x1: float, taken: set[int]) -> list[int]:
    """The free text lines just under a table ('All figures in £m', 'Source: ...')."""
    chosen: list[int] = []
    edge = bottom
    for index, line in enumerate(lines):
        if line.top < bottom - LAYOUT.caption_slack or index in taken or not (line.x1 > x0 and line.x0 < x1):
            continue
        far = line.top - edge > LAYOUT.caption_gap * max(line.bottom - line.top, 1.0)
        if far or len(chosen) == LAYOUT.title_lines:
            break
        chosen.append(index)
        edge = line.bottom
    return chosen


def title_text(lines: list[Line], indices: list[int]) -> str:
    """The caption among the lines above a table: from a 'Table 7.1' line if there is one,
    else after the last line that ends a sentence (the tail of the paragraph above)."""
    texts = [lines[i].text.strip() for i in indices]
    marked = [k for k, text in enumerate(texts) if CAPTION.match(text)]
    if marked:
        start = marked[-1]
    else:
        ends = [k for k, text in enumerate(texts[:-1]) if text.endswith((".", ";"))]
        start = ends[-1] + 1 if ends else 0
    return " ".join(texts[start:])
