"""What the text around a PDF table says about it: its title and the unit of its amounts."""

from __future__ import annotations

import re

from extract.numbers import unit_multiplier
from extract.pdf.words import Line
from extract.tables.vocabulary import UNIT_NOTE

APOSTROPHE = re.compile(r"['’]")
CANONICAL = {1e3: "£000", 1e6: "£m", 1e9: "£bn", 1.0: "£"}
TITLE_LINES = 3
UNIT_NOTE_WORDS = 5  # a line above a table this short that states a unit is the table's unit note
UNIT_NOTE_GAP = 4.0  # ...and no further above it than this many of its heights
CAPTION = re.compile(r"^(table|figure|fig\.|chart|graph|diagram|appendix|annex)\s*[\w.]*\d", re.IGNORECASE)
PICTURES = {"figure", "fig.", "chart", "graph", "diagram"}


def caption_kind(text: str) -> str | None:
    """'table', 'figure' (any picture) or None: what a 'Table 3:' / 'Figure 1:' line announces."""
    match = CAPTION.match(text.strip())
    if match is None:
        return None
    return "figure" if match.group(1).lower() in PICTURES else "table"


def find_unit(*texts: str) -> str | None:
    """The canonical unit ("£000", "£m", "£bn", "£") of the first text that states one."""
    for text in texts:
        for match in UNIT_NOTE.finditer(text or ""):
            # "£’m" is "£m" with the apostrophe some councils print; drop it before reading.
            multiplier = unit_multiplier(APOSTROPHE.sub("", match.group(0)))
            if multiplier in CANONICAL:
                return CANONICAL[multiplier]
    return None


def lines_above(lines: list[Line], top: float, x0: float, x1: float, taken: set[int]) -> list[int]:
    """The run of free text lines just above a table (its caption or heading), nearest last."""
    chosen: list[int] = []
    edge = top
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.bottom > top + 1:
            continue
        height = max(line.bottom - line.top, 1.0)
        overlaps = line.x1 > x0 and line.x0 < x1
        if index in taken or not overlaps or edge - line.bottom > 2.5 * height:
            break
        chosen.append(index)
        edge = line.top
        if len(chosen) == TITLE_LINES:
            break
    return sorted(chosen)


def unit_note_above(lines: list[Line], top: float, taken: set[int]) -> str:
    """A short unit note set just above a table but not over it ('£'000' at the right margin
    over a narrower table, 'All figures in £m'): the nearest free line above, if it is one."""
    # Set tight on the table, its descenders may reach below the heading row's top.
    above = [
        i for i, ln in enumerate(lines) if ln.bottom <= top + 0.5 * (ln.bottom - ln.top) and i not in taken
    ]
    if not above:
        return ""
    line = lines[max(above, key=lambda i: lines[i].bottom)]
    near = top - line.bottom <= UNIT_NOTE_GAP * max(line.bottom - line.top, 1.0)
    short = len(line.words) <= UNIT_NOTE_WORDS
    return line.text if near and short and find_unit(line.text) else ""


def lines_below(lines: list[Line], bottom: float, x0: float, x1: float, taken: set[int]) -> list[int]:
    """The free text lines just under a table ('All figures in £m', 'Source: ...')."""
    chosen: list[int] = []
    edge = bottom
    for index, line in enumerate(lines):
        if line.top < bottom - 1 or index in taken or not (line.x1 > x0 and line.x0 < x1):
            continue
        if line.top - edge > 2.5 * max(line.bottom - line.top, 1.0) or len(chosen) == TITLE_LINES:
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
