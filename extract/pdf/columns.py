"""Column recovery: where a table's columns lie, from the whitespace between chunks (chunks are
already split at vertical rules), and which columns a spanning heading covers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extract.pdf.chunks import Chunk
from extract.pdf.settings import LAYOUT
from extract.pdf.words import Word


@dataclass(frozen=True)
class Column:
    x0: float
    x1: float


def whitespace_columns(rows: list[list[Chunk]]) -> list[Column]:
    """Columns as the x ranges that lines with two or more chunks cover.

    A vertical strip of whitespace crossed by (almost) no chunk separates two columns; a few
    crossing chunks are allowed in long tables because spanning labels and totals cross gaps.
    Lines holding amounts set the columns; other lines (headings, labels) only add columns
    beyond them, so a heading set close to its neighbour cannot join two columns.
    """
    multi = [row for row in rows if len(row) >= 2] or rows
    body = [row for row in multi if any(c.amount for c in row[1:])]
    base = body if len(body) >= 2 else multi
    # The bounds hold every word of every row, not only the rows that set the columns: the
    # second pass counts lone chunks (a wrapped comment, a note) that can lie beyond them.
    left = min(w.x0 for row in rows for c in row for w in c.words)
    right = max(w.x1 for row in rows for c in row for w in c.words)
    coverage = _coverage(base, left, right)
    # One crossing chunk is allowed once there are enough lines to outvote it: a total's
    # label often runs across the description columns.
    allowed = max(len(base) // LAYOUT.crossings_per_lines, int(len(base) >= LAYOUT.crossing_from_lines))
    columns = _runs(coverage, allowed, left)
    columns = [part for column in columns for part in _split_valleys(column, coverage, left)]
    if base is body:
        figures = {id(row) for row in body}
        others = [row for row in rows if id(row) not in figures]
        spans = [(c.x0, c.x1, c.amount) for row in body for c in row]
        edges = [c for c in columns if _holds_figures(c, spans)]
        for row in others:
            row[:] = [part for chunk in row for part in _split_at_figure_edges(chunk, edges)]
        extra = [[c for c in row if _outside(c, columns)] for row in others]
        columns = sorted(columns + _runs(_coverage(extra, left, right), 0, left), key=lambda c: c.x0)
    return columns


def split_columns_at(columns: list[Column], edges: list[float]) -> list[Column]:
    """Cut a column at a right-aligned figures' edge inside it: text set only the cells' padding
    after the figures leaves no strip of whitespace between the two columns (`edges` from
    chunks.split_after_figure_columns)."""
    out: list[Column] = []
    for column in columns:
        start = column.x0
        for edge in _clusters(edges):
            if start < edge < column.x1 - LAYOUT.column_slack:
                out.append(Column(start, edge))
                start = edge + LAYOUT.cut_after
        out.append(Column(start, column.x1))
    return out


def _clusters(edges: list[float], slack: float = LAYOUT.edge_cluster) -> list[float]:
    """The rightmost of each run of edges within `slack` of each other (edges sorted)."""
    out: list[float] = []
    for edge in edges:
        if out and edge - out[-1] <= slack:
            out[-1] = edge
        else:
            out.append(edge)
    return out


def _holds_figures(column: Column, spans: list[tuple[float, float, bool]]) -> bool:
    """Whether most chunks within the column are amounts; `spans` are the rows' chunks' edges
    and whether each is an amount, read once for all the columns."""
    low, high = column.x0 - LAYOUT.column_slack, column.x1 + LAYOUT.column_slack
    inside = [amount for x0, x1, amount in spans if x0 >= low and x1 <= high]
    return bool(inside) and sum(inside) >= LAYOUT.figure_column_share * len(inside)


def _split_at_figure_edges(chunk: Chunk, columns: list[Column]) -> list[Chunk]:
    """Split a heading where one of its words ends at a column of right-aligned figures and the
    next word carries on past it: flush with the figures ('2027-28 Service Area' over figures
    that end under '2027-28'), or set apart by more than a word space, ending over the figures
    (headings centred over narrow columns, 'Varia' over one and 'Undelive' over the next)."""
    for k, (word, after) in enumerate(zip(chunk.words, chunk.words[1:], strict=False)):
        if any(_ends_at(word, after, c) for c in columns):
            head = Chunk(chunk.words[: k + 1], chunk.line)
            return [head, *_split_at_figure_edges(Chunk(chunk.words[k + 1 :], chunk.line), columns)]
    return [chunk]


def _ends_at(word: Word, after: Word, column: Column) -> bool:
    """Whether `word` ends a heading over `column` and `after` starts another past it."""
    if after.x0 <= column.x1 + LAYOUT.column_slack:
        return False
    if abs(word.x1 - column.x1) <= LAYOUT.flush_slack:
        return True
    apart = after.x0 - word.x1 > LAYOUT.chunk_gap * max(min(word.height, after.height), 1.0)
    return apart and column.x0 < word.x1 <= column.x1


def _split_valleys(column: Column, coverage: list[int], left: float) -> list[Column]:
    """Split a column at a deep valley: a few labels crossing a gap that most lines respect.

    The valley is the first run of strips at most `valley_depth` of the lower of the highest
    coverage left and right of them, with a high enough peak on the left; found for every
    strip at once."""
    start, end = int(column.x0 - left), int(column.x1 - left)
    profile = np.asarray(coverage[start : end + 1])
    if len(profile) < 5:
        return [column]
    before = np.maximum.accumulate(profile)
    after = np.maximum.accumulate(profile[::-1])[::-1]
    # For each strip x from 2 to len - 3: the highest strip left of x - 1 and right of x + 1.
    peak_left, peak_right = before[1:-3], after[3:-1]
    deep = (profile[2:-2] <= LAYOUT.valley_depth * np.minimum(peak_left, peak_right)) & (
        peak_left >= LAYOUT.valley_peak
    )
    found = np.flatnonzero(deep)
    if not found.size:
        return [column]
    # The run goes on while the strips found follow each other.
    breaks = np.flatnonzero(np.diff(found) != 1)
    a = int(found[0]) + 2
    b = int(found[breaks[0]] if breaks.size else found[-1]) + 2
    rest = Column(left + start + b + 1, column.x1)
    return [Column(column.x0, left + start + a - 1), *_split_valleys(rest, coverage, left)]


def _coverage(rows: list[list[Chunk]], left: float, right: float) -> list[int]:
    """How many chunks cover each one-point strip from `left`: each chunk adds one from the
    strip its left edge is in through the strip its right edge is in."""
    coverage = np.zeros(int(right - left) + 3, dtype=np.int64)
    edges = [(int(chunk.x0 - left), int(chunk.x1 - left) + 1) for row in rows for chunk in row]
    if edges:
        starts, ends = np.array(edges).T
        kept = ends > starts  # a chunk ending left of where it starts covers nothing
        np.add.at(coverage, starts[kept], 1)
        np.add.at(coverage, ends[kept], -1)
    return np.cumsum(coverage[:-1]).tolist()


def _outside(chunk: Chunk, columns: list[Column]) -> bool:
    return chunk.x0 > columns[-1].x1 or chunk.x1 < columns[0].x0


def _runs(coverage: list[int], allowed: int, left: float) -> list[Column]:
    columns: list[Column] = []
    start: int | None = None
    for x, count in enumerate(coverage + [0]):
        if count > allowed and start is None:
            start = x
        elif count <= allowed and start is not None:
            columns.append(Column(left + start, left + x - 1))
            start = None
    return columns


def placement(chunk: Chunk, columns: list[Column]) -> tuple[int, int, int]:
    """The column a chunk belongs to, and the first and last columns it spans (equal for an
    ordinary cell); its overlap with each column is measured once, as this runs for every chunk
    of every table.

    A label spans columns when it covers most of two of them, or when it is centred on the
    gap between columns it reaches into ('2025-26' over 'Budget | Forecast'); it belongs to
    the first. A heading wider than its column's figures is centred on them, so it does not
    span. A chunk that spans none belongs to the column holding most of it, or where it
    touches none, the nearest.
    """
    overlaps = _overlaps(chunk, columns)
    cover = LAYOUT.span_cover
    covered = [i for i, c in enumerate(columns) if overlaps[i] > cover * max(c.x1 - c.x0, 1.0)]
    if len(covered) >= 2:
        return covered[0], covered[0], covered[-1]
    middle = (chunk.x0 + chunk.x1) / 2
    touched = [i for i, overlap in enumerate(overlaps) if overlap > 0]
    if len(touched) >= 2 and not any(c.x0 <= middle <= c.x1 for c in columns):
        return touched[0], touched[0], touched[-1]
    best = overlaps.index(max(overlaps))
    if overlaps[best] <= 0:
        return min(range(len(columns)), key=lambda i: _distance(middle, columns[i])), best, best
    return best, best, best


def _overlaps(chunk: Chunk, columns: list[Column]) -> list[float]:
    """How far the chunk overlaps each column (negative: the gap between them). This runs for
    every chunk against every column, so `min` and `max` of two are written out as the
    comparisons they make, and the chunk's edges are read once."""
    x0, x1 = chunk.x0, chunk.x1
    return [(c.x1 if c.x1 < x1 else x1) - (c.x0 if c.x0 > x0 else x0) for c in columns]


def _distance(x: float, column: Column) -> float:
    if column.x0 <= x <= column.x1:
        return 0.0
    return min(abs(x - column.x0), abs(x - column.x1))
