"""Chunks: runs of words on one line that a reader sees as one phrase (one table cell).

A line of a table splits into chunks at gaps wider than a word space, or where a ruling line
passes between two words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from extract.pdf.settings import LAYOUT
from extract.pdf.words import Line, Word, WordRun, read_once
from extract.tables.vocabulary import UNIT_ONLY

NUMBER = re.compile(
    r"^[(\[]?[-\u2013\u2212+]?[£$€]?\s?[-\u2013\u2212]?\d[\d,.\s]*(%|[kmb]n?|m)?[)\]]?\*?$"
    r"|^[-\u2013\u2212]$|^n/?a$|^nil$",
    re.IGNORECASE,
)
NUMBER_CACHE = 1 << 14  # words whose answer is kept (a few MB at most, so a worker stays small)
YEAR = re.compile(r"^(19|20)\d\d([-/](\d\d|\d{4}))?$")
_TEXT = attrgetter("text")  # read by C, once a word of every line


@dataclass
class Chunk(WordRun):
    words: list[Word]
    line: int

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @read_once
    def numeric(self) -> bool:
        return is_number(self.text)

    @read_once
    def amount(self) -> bool:
        """A number that is not a year or a unit: those head columns, amounts fill them."""
        return self.numeric and not YEAR.match(self.text) and not UNIT_ONLY.match(self.text)


@lru_cache(maxsize=NUMBER_CACHE)
def is_number(text: str) -> bool:
    """A money amount, count, percentage, or a dash standing for zero. Remembered: table finding
    asks it of each word several times (word spacing, each gap, column roles)."""
    return bool(NUMBER.match(text.strip()))


def line_chunks(line: Line, index: int, walls: list[float]) -> list[Chunk]:
    """Split a line at wide gaps and at vertical rules (`walls`, x positions). This runs for every
    line of every page, so the chunk being read is kept in a local and the splits' settings are
    read once a line."""
    words = line.words
    if not words:
        return []
    splits = _Splits(_word_spacing(line), sorted(walls))
    current = [words[0]]
    chunks = [Chunk(current, index)]
    for left, right in zip(words, words[1:], strict=False):
        if splits(left, right):
            current = [right]
            chunks.append(Chunk(current, index))
        else:
            current.append(right)
    return chunks


def _word_spacing(line: Line) -> float:
    """Justified prose stretches every word gap of a line evenly; a table row's gaps vary.

    Gaps wider than three text heights are column gaps and left out of the comparison, so a
    justified label in a row of amounts is still read as one phrase. A line that is mostly
    figures is a row, however evenly its columns are spaced.
    """
    words = line.words
    if len(words) <= LAYOUT.justified_gaps:
        return 0.0  # too few gaps to tell, whatever the words (most table rows: asked of every line)
    if sum(map(is_number, map(_TEXT, words))) > LAYOUT.figure_line_share * len(words):
        return 0.0
    # The words' heights and gaps inline, the gaps kept only below a column gap before sorting:
    # this is asked of every line of prose.
    height = min([w.bottom - w.top for w in words])
    limit = LAYOUT.column_gap * height
    gaps = sorted([gap for a, b in zip(words, words[1:], strict=False) if (gap := b.x0 - a.x1) < limit])
    if len(gaps) < LAYOUT.justified_gaps:
        return 0.0
    middle = gaps[len(gaps) // 2]
    even = gaps[-1] <= LAYOUT.even_spacing * max(gaps[0], LAYOUT.least_word_gap)
    return middle if even and middle < LAYOUT.prose_word_gap * height else 0.0


class _Splits:
    """Whether a line splits into two chunks between two words: at a gap wider than a word space
    (wider still in justified prose, `spacing`), between two amounts set apart, or at a wall."""

    def __init__(self, spacing: float, walls: list[float]) -> None:
        self.walls = walls
        self.chunk_gap, self.cell_gap = LAYOUT.chunk_gap, LAYOUT.cell_gap
        self.justified = LAYOUT.justified_gap * spacing
        self.figures_gap, self.figures_apart = LAYOUT.figures_gap, LAYOUT.figures_apart
        self.slack = LAYOUT.wall_slack

    def __call__(self, left: Word, right: Word) -> bool:
        # The words' `height`, inline: this is asked between every two words of every line.
        left_height, right_height = left.bottom - left.top, right.bottom - right.top
        height = left_height if left_height < right_height else right_height
        if height < 1.0:
            height = 1.0
        gap = right.x0 - left.x1
        if gap > self.chunk_gap * height and (gap > self.cell_gap * height or gap > self.justified):
            return True
        if gap > self.figures_gap * height and is_number(left.text) and is_number(right.text):
            # Two amounts side by side are two cells even when set close together.
            return gap > self.figures_apart * height or not _thousands_group(left.text, right.text)
        return _wall_between(self.walls, left.x1 - self.slack, right.x0 + self.slack)


def _wall_between(walls: list[float], low: float, high: float) -> bool:
    """Whether a wall (x positions, sorted) lies in [low, high]: the first at or right of `low`
    is found by bisection, as this is asked between every two words of every line."""
    at = bisect_left(walls, low)
    return at < len(walls) and walls[at] <= high


def _thousands_group(left: str, right: str) -> bool:
    """'100 000' is one number written with a space between thousands."""
    return bool(re.fullmatch(r"[1-9]\d{0,2}", left.strip("-")) and re.fullmatch(r"\d{3}([.,]\d+)?", right))


def split_after_figure_columns(rows: list[list[Chunk]]) -> list[float]:
    """Split a chunk where an amount ends flush with a column of right-aligned amounts and text
    carries on after it: a comment cell set right after the figures, only the cells' padding
    between them ('52,100 Three more children ...'), as a spreadsheet prints it. A column is
    right-aligned when amounts of different widths end at one x on `LAYOUT.figure_column_rows` lines.
    Returns where chunks were split: the column edges the text after them abuts."""
    ends = sorted((w.x1, w.x0) for row in rows for c in row for w in c.words if _is_amount(w.text))
    edges: list[float] = []
    start = 0
    for end, (x1, _) in enumerate(ends):  # a window of the ends within `edge_slack` of each other
        while x1 - ends[start][0] > LAYOUT.edge_slack:
            start += 1
        starts = [x0 for _, x0 in ends[start : end + 1]]
        column = len(starts) >= LAYOUT.figure_column_rows and max(starts) - min(starts) > LAYOUT.edge_slack
        if column and (not edges or x1 - edges[-1] > LAYOUT.edge_slack):
            edges.append(x1)
    cuts: list[float] = []
    if edges:
        for row in rows:
            split = [_split_after(chunk, edges) for chunk in row]
            cuts += [part.x1 for parts in split for part in parts[:-1]]
            row[:] = [part for parts in split for part in parts]
    return sorted(cuts)


def _split_after(chunk: Chunk, edges: list[float]) -> list[Chunk]:
    for k, (word, after) in enumerate(zip(chunk.words, chunk.words[1:], strict=False)):
        flush = any(abs(word.x1 - x) <= LAYOUT.edge_slack for x in edges)
        if flush and _is_amount(word.text) and after.text[:1].isalpha():
            rest = _split_after(Chunk(chunk.words[k + 1 :], chunk.line), edges)
            return [Chunk(chunk.words[: k + 1], chunk.line), *rest]
    return [chunk]


def _is_amount(text: str) -> bool:
    return is_number(text) and not YEAR.match(text) and not UNIT_ONLY.match(text)
