"""Tables on one page, recovered from word positions and ruling lines.

Regions come first: a box drawn by crossing rules is a table; elsewhere a run of lines that
split into two or more aligned chunks is one. Inside a region, columns come from vertical rules
or whitespace, rows from horizontal rules and wrapped-line joining (row_grouping).
"""

from __future__ import annotations

import functools
import re
import statistics
from dataclasses import dataclass, field

from extract.pdf.captions import caption_kind
from extract.pdf.chunks import Chunk, is_number, line_chunks, split_after_figure_columns
from extract.pdf.columns import Column, placement, split_columns_at, whitespace_columns
from extract.pdf.row_grouping import (
    TableLine,
    group_rows,
    is_note,
    join_wrapped_stubs,
    lift_stub_heading,
    row_cells,
)
from extract.pdf.settings import LAYOUT
from extract.pdf.words import Graphics, Line, Rule

BBox = tuple[float, float, float, float]
NOTE_MARKER = re.compile(r"^(\(?[*:†‡§a-z0-9]{1,3}\)?\.?|[A-Z][\w .]{0,15}:)$")


@dataclass
class Grid:
    """A table as found on a page: its box, its cells, and the text lines it used."""

    bbox: BBox
    rows: list[list[str]]
    header_rows: int
    lines: list[int] = field(default_factory=list)
    row_boxes: list[BBox] = field(default_factory=list)  # each row's words' box, one per row


@dataclass
class Region:
    lines: list[int]
    box: BBox | None = None  # the ruled box, when rules draw it


def find_tables(lines: list[Line], graphics: Graphics) -> list[Grid]:
    """Every table on the page, top to bottom; text laid over a chart's shapes is not one."""
    rules = graphics.rules
    reach = LAYOUT.rule_reach
    walls = [(r.x0, r.top - reach, r.bottom + reach) for r in rules if not r.horizontal]
    chunks = [line_chunks(line, i, _walls_across(walls, line)) for i, line in enumerate(lines)]
    regions = ruled_regions(lines, rules)
    taken = {i for region in regions for i in region.lines}
    regions = [_with_header(r, lines, chunks, taken, rules) for r in regions]
    taken = {i for region in regions for i in region.lines}
    regions = [_with_totals(r, lines, chunks, taken) for r in regions]
    taken = {i for region in regions for i in region.lines}
    regions += aligned_regions(lines, chunks, taken)
    regions = [
        _without_footnotes(r, lines, chunks) for r in regions if not _over_chart(r, lines, graphics.shapes)
    ]
    grids = [grid for region in regions for grid in grids_of(region, lines, chunks, rules)]
    return sorted(grids, key=lambda g: (g.bbox[1], g.bbox[0]))


def _without_footnotes(region: Region, lines: list[Line], chunks: list[list[Chunk]]) -> Region:
    """A region less the footnotes closing it ('* to be confirmed ...', 'Source: ...'): from a
    line that opens a note, or from where the type turns smaller, when no figures follow, the
    text is the notes' and not rows."""
    heights = [lines[i].bottom - lines[i].top for i in region.lines]
    usual = statistics.median(heights)
    for k in range(2, len(region.lines)):
        rest = region.lines[k:]
        small = all(heights[j] < LAYOUT.footnote_size * usual for j in range(k, len(heights)))
        if (small or is_note(lines[rest[0]].text)) and not any(c.amount for i in rest for c in chunks[i]):
            return Region(region.lines[:k], region.box)
    return region


def _over_chart(region: Region, lines: list[Line], shapes: list[BBox]) -> bool:
    """Whether chart shapes cover much of a region: its text is then axis and legend labels."""
    x0, top, x1, bottom = region.box or _extent(lines, region.lines)
    covered = 0.0
    for sx0, stop, sx1, sbottom in shapes:
        covered += max(0.0, min(x1, sx1) - max(x0, sx0)) * max(0.0, min(bottom, sbottom) - max(top, stop))
    return covered > LAYOUT.chart_cover * (x1 - x0) * (bottom - top)


def _walls_across(walls: list[tuple[float, float, float]], line: Line) -> list[float]:
    """The x positions of the vertical rules reaching the line's middle; `walls` are each rule's
    x and the top and bottom of its reach, found once a page as this is asked of every line."""
    middle = (line.top + line.bottom) / 2
    return [x for x, top, bottom in walls if top <= middle <= bottom]


# --- regions -----------------------------------------------------------------------------


def ruled_regions(lines: list[Line], rules: list[Rule]) -> list[Region]:
    """Boxes drawn by at least two horizontal and two vertical rules that touch each other."""
    regions = []
    for x0, top, x1, bottom in _stacked(_rule_boxes(rules)):
        slack = LAYOUT.box_slack
        inside = [
            i
            for i, line in enumerate(lines)
            if line.x0 >= x0 - slack
            and line.x1 <= x1 + slack
            and line.top >= top - slack
            and line.bottom <= bottom + slack
        ]
        if len(inside) >= 2:
            regions.append(Region(inside, (x0, top, x1, bottom)))
    return regions


def _with_header(
    region: Region, lines: list[Line], chunks: list[list[Chunk]], taken: set[int], rules: list[Rule]
) -> Region:
    """Add the header lines set just above a ruled box (shaded, not ruled, in many reports).

    Only a box whose first row already holds amounts lacks its header: the lines above the box's
    first inner rule (a row whose label wraps over lines is set with its figures on its middle
    line, below the label's first). The box's column rules are carried up through the header, as a
    reader does.
    """
    x0, top, x1, bottom = region.box or _extent(lines, region.lines)
    if not any(c.amount for i in _first_row(region, lines, rules) for c in chunks[i][1:]):
        return region
    slack, reach = LAYOUT.box_slack, LAYOUT.column_rule_start
    walls = [
        r.x0
        for r in rules
        if not r.horizontal and x0 + slack < r.x0 < x1 - slack and top - slack <= r.top <= top + reach
    ]
    split = {i: line_chunks(lines[i], i, walls) for i in range(region.lines[0]) if i not in taken}
    added = _lines_on_top(region, lines, split)
    if not added:
        return region
    for i in added:
        chunks[i] = split[i]
    return Region(added + region.lines, (x0, min(top, lines[added[0]].top), x1, bottom))


def _first_row(region: Region, lines: list[Line], rules: list[Rule]) -> list[int]:
    """The box's lines above its first inner horizontal rule (its first line where none is drawn)."""
    x0, top, x1, bottom = region.box or _extent(lines, region.lines)
    slack = LAYOUT.box_slack
    inner = [
        r.top
        for r in rules
        if r.horizontal and r.x0 <= x1 and r.x1 >= x0 and top + slack < r.top < bottom - slack
    ]
    if not inner:
        return region.lines[:1]
    first = min(inner)
    return [i for i in region.lines if lines[i].bottom <= first + slack] or region.lines[:1]


def _lines_on_top(region: Region, lines: list[Line], split: dict[int, list[Chunk]]) -> list[int]:
    """The lines stacked directly on a box's top edge, within its width, topmost first; the
    topmost must split into cells (a lone narrow line under it may be a wrapped heading)."""
    x0, top, x1, _ = region.box or _extent(lines, region.lines)
    added: list[int] = []
    edge = top
    for i in range(region.lines[0] - 1, -1, -1):
        line = lines[i]
        inside = line.x0 >= x0 - LAYOUT.box_slack and line.x1 <= x1 + LAYOUT.box_slack
        narrow = line.x1 - line.x0 < LAYOUT.narrow_heading * (x1 - x0)
        near = edge - line.bottom <= LAYOUT.box_touch * max(line.bottom - line.top, 1.0)
        if i not in split or not inside or not near or (len(split[i]) < 2 and not narrow):
            break
        added.append(i)
        edge = line.top
    while added and len(split[added[-1]]) < 2:
        added.pop()
    return sorted(added)


def _with_totals(region: Region, lines: list[Line], chunks: list[list[Chunk]], taken: set[int]) -> Region:
    """Add the total rows set on a shaded band just under a ruled box (spreadsheets often draw
    no rules round a total): lines of figures touching the box's foot, within its width."""
    x0, top, x1, bottom = region.box or _extent(lines, region.lines)
    added: list[int] = []
    for i in range(region.lines[-1] + 1, len(lines)):
        line = lines[i]
        height = max(line.bottom - line.top, 1.0)
        within = line.x0 >= x0 - LAYOUT.box_slack and line.x1 <= x1 + LAYOUT.box_slack
        touching = line.top - bottom <= LAYOUT.box_touch * height and within
        if i in taken or not touching or not any(c.amount for c in chunks[i][1:]):
            break
        added.append(i)
        bottom = line.bottom
    return Region(region.lines + added, (x0, top, x1, bottom)) if added else region


def _rule_boxes(rules: list[Rule]) -> list[BBox]:
    """Connected groups of rules with both directions present, as boxes."""
    boxes: list[list[float]] = []
    kinds: list[set[bool]] = []
    for rule in sorted(rules, key=lambda r: (r.top, r.x0)):
        hits = [i for i, b in enumerate(boxes) if _touches(b, rule)]
        box = [rule.x0, rule.top, rule.x1, rule.bottom]
        kind = {rule.horizontal}
        for i in reversed(hits):
            other = boxes.pop(i)
            kind |= kinds.pop(i)
            box = [min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3])]
        boxes.append(box)
        kinds.append(kind)
    return [
        (b[0], b[1], b[2], b[3])
        for b, k in zip(boxes, kinds, strict=True)
        if len(k) == 2 and b[2] - b[0] > LAYOUT.least_box_width and b[3] - b[1] > LAYOUT.least_box_height
    ]


def _stacked(boxes: list[BBox], gap: float = LAYOUT.stack_gap) -> list[BBox]:
    """Join boxes set one under another with the same width: one table whose rules a shaded
    total row interrupts."""
    merged: list[BBox] = []
    for box in sorted(boxes, key=lambda b: b[1]):
        if merged:
            x0, top, x1, bottom = merged[-1]
            if 0 <= box[1] - bottom <= gap and abs(box[0] - x0) <= gap and abs(box[2] - x1) <= gap:
                merged[-1] = (min(x0, box[0]), top, max(x1, box[2]), box[3])
                continue
        merged.append(box)
    return merged


def _touches(box: list[float], rule: Rule, slack: float = LAYOUT.rule_touch) -> bool:
    return (
        rule.x0 <= box[2] + slack
        and rule.x1 >= box[0] - slack
        and rule.top <= box[3] + slack
        and rule.bottom >= box[1] - slack
    )


def aligned_regions(lines: list[Line], chunks: list[list[Chunk]], taken: set[int]) -> list[Region]:
    """Runs of lines where most lines split into two or more chunks.

    A caption line ('Table 3: ...') is never a row; what follows a figure's caption is the
    figure's labels, not a table.
    """
    heights = [ln.bottom - ln.top for ln in lines] or [LAYOUT.usual_height]
    height = statistics.median(heights)
    regions: list[Region] = []
    current: list[int] = []
    picture = False
    for i, line in enumerate(lines):
        kind = caption_kind(line.text)
        if i in taken or kind or (len(chunks[i]) < 2 and _heading_type(line, current, lines)):
            picture = (
                _close_region(regions, current, lines, chunks, picture) if not kind else kind == "figure"
            )
            current = []
            continue
        multi = len(chunks[i]) >= 2
        near = bool(current) and _near(line, current, lines, LAYOUT.region_gap * height, multi)
        if current and near and (multi or not _prose(line, lines, current)):
            current.append(i)
        else:
            picture = _close_region(regions, current, lines, chunks, picture)
            current = [i] if multi else []
    _close_region(regions, current, lines, chunks, picture)
    return [_with_raised_heading(r, lines, chunks, taken) for r in regions]


def _heading_type(line: Line, current: list[int], lines: list[Line]) -> bool:
    """A line in larger type than the run's lines is a heading: it ends the table above it and
    titles the one below ('Summary by delivery confidence' between a savings list and its
    summary on one page)."""
    if not current:
        return False
    usual = statistics.median(lines[i].bottom - lines[i].top for i in current)
    return line.bottom - line.top > LAYOUT.heading_height * usual


def _near(line: Line, current: list[int], lines: list[Line], limit: float, multi: bool) -> bool:
    """Whether a line is set close enough under the run to go on with it: within `limit`, or,
    for a line of cells, no further than the run's own rows are apart (a total row in bold set
    at the rows' spacing, where that spacing is already close to the limit)."""
    gap = line.top - lines[current[-1]].bottom
    if gap <= limit:
        return True
    gaps = [lines[b].top - lines[a].bottom for a, b in zip(current, current[1:], strict=False)]
    return multi and bool(gaps) and gap <= max(gaps) + LAYOUT.tie


def _with_raised_heading(
    region: Region, lines: list[Line], chunks: list[list[Chunk]], taken: set[int]
) -> Region:
    """Add the first line of a two-line heading centred on a row of one-line headings
    ('Public' / 'Health' beside 'ASCH'): it is set higher than the region's first line but
    overlaps it, so the run of aligned lines started without it."""
    first = region.lines[0]
    index = first - 1
    if index < 0 or index in taken or len(chunks[index]) != 1 or caption_kind(lines[index].text):
        return region
    upper, level = lines[index], lines[first]
    # Its second line hangs below the row as far as the first hangs above it.
    tails = [lines[i] for i in region.lines[1:3] if lines[i].top < level.bottom]
    if upper.bottom > level.top and any(t.x0 < upper.x1 and t.x1 > upper.x0 for t in tails):
        return Region([index, *region.lines], region.box)
    return region


def _prose(line: Line, lines: list[Line], current: list[int]) -> bool:
    """A single-chunk line as wide as the region reads as prose, not a cell; one wholly left
    of a run of column headings is a row label (the stub column starts left of them)."""
    left = min(lines[i].x0 for i in current)
    right = max(lines[i].x1 for i in current)
    if line.x1 < left and all(len(lines[i].words) > 1 for i in current):
        return False
    return line.x1 - line.x0 > LAYOUT.prose_width * (right - left) or line.x1 > right + LAYOUT.prose_overhang


def _close_region(
    regions: list[Region], current: list[int], lines: list[Line], chunks: list[list[Chunk]], picture: bool
) -> bool:
    """Keep a finished run as a region; returns whether a figure's caption is still pending.

    Single lines trailing the run stay only when set tight under it (the last row's wrapped
    text); a note or a paragraph after a gap is not the table's.
    """
    multi = [i for i in current if len(chunks[i]) >= 2]
    if len(multi) < 2:
        return picture
    kept = current[: current.index(multi[-1]) + 1]
    spacing = _row_spacing(current, chunks, lines)
    for i in current[len(kept) :]:
        gap = lines[i].top - lines[kept[-1]].bottom
        # The last row's label wrapping on under its start, set well inside the rows' spacing.
        under = abs(lines[i].x0 - lines[kept[-1]].x0) <= LAYOUT.trailing_under
        wrapped = spacing is not None and gap <= LAYOUT.trailing_wrap * spacing and under
        if gap > LAYOUT.trailing_gap * (lines[i].bottom - lines[i].top) and not wrapped:
            break
        kept.append(i)
    if not picture:
        regions.append(Region(kept))
    return False


def _row_spacing(current: list[int], chunks: list[list[Chunk]], lines: list[Line]) -> float | None:
    """The rows' spacing: the least gap between two lines of figures that follow each other,
    or where none do (every row wraps), the median gap above a line of figures."""
    figures = [i for i in current if any(c.amount for c in chunks[i][1:])]
    adjacent = [
        lines[b].top - lines[a].bottom for a, b in zip(figures, figures[1:], strict=False) if b == a + 1
    ]
    if adjacent:
        return min(adjacent)
    above = sorted(lines[i].top - lines[i - 1].bottom for i in figures[1:] if i - 1 in current)
    return above[len(above) // 2] if len(above) >= 2 else None


# --- grids -------------------------------------------------------------------------------


def grids_of(region: Region, lines: list[Line], chunks: list[list[Chunk]], rules: list[Rule]) -> list[Grid]:
    """The region's table, or its tables when several stand side by side."""
    rows_chunks = [chunks[i] for i in region.lines if chunks[i]]
    cuts = split_after_figure_columns(rows_chunks)
    columns = split_columns_at(whitespace_columns(rows_chunks), cuts) if rows_chunks else []
    if len(columns) < 2:
        return []
    bands = _bands(region, rules)
    table_lines = [_table_line(chunks[i], lines[i], columns, bands) for i in region.lines if chunks[i]]
    rows, header = group_rows(table_lines)
    cells = [row_cells(row, len(columns)) for row in rows]
    join_wrapped_stubs(cells, header)
    header = lift_stub_heading(cells, header)
    centred_groups_to_first(cells, header)
    cells, kept = _drop_empty_columns(cells)
    x0, top, x1, bottom = region.box or _extent(lines, region.lines)
    edges = [0, *side_by_side(cells, header), len(kept)]
    grids = []
    for start, end in zip(edges, edges[1:], strict=False):
        within = [i for i, row in enumerate(cells) if any(row[start:end])]
        part = [cells[i][start:end] for i in within]
        if end - start >= 2 and len(part) >= 2 and plausible(part):
            if len(edges) > 2:
                x0, x1 = columns[kept[start]].x0, columns[kept[end - 1]].x1
            boxes = [_row_box(rows[i], set(kept[start:end])) or (x0, top, x1, bottom) for i in within]
            grids.append(Grid((x0, top, x1, bottom), part, header, list(region.lines), boxes))
    return grids


def _row_box(row: list[TableLine], columns: set[int]) -> BBox | None:
    """The box of a row's words in these columns (the union of their boxes), in one pass over
    them with the comparisons `min` and `max` make: this runs for every row of every table."""
    box: list[float] | None = None
    for line in row:
        for column in columns:
            for chunk in line.cells.get(column, ()):
                x0, top, x1, bottom = chunk.x0, chunk.top, chunk.x1, chunk.bottom
                if box is None:
                    box = [x0, top, x1, bottom]
                    continue
                if x0 < box[0]:
                    box[0] = x0
                if top < box[1]:
                    box[1] = top
                if x1 > box[2]:
                    box[2] = x1
                if bottom > box[3]:
                    box[3] = bottom
    return None if box is None else (box[0], box[1], box[2], box[3])


def centred_groups_to_first(cells: list[list[str]], header: int) -> None:
    """Move a group heading centred over its sub-columns ('CYPE' over 'Core | External | Total')
    to the first of them, where a heading spanning cells is written (and read: it carries right).

    A heading with headings under it may reach as many columns to each side, over columns of
    figures blank in its row and headed in the row beneath. Of the ways the headings can share
    the columns without overlapping, the one that leaves fewest sub-headings without a group
    is taken.
    """
    figures = [_mostly_figures([row[j] for row in cells[header:]]) for j in range(len(cells[0]))]
    for r in range(header - 1):
        row, below = cells[r], cells[r + 1]
        free = [figures[k] and not row[k] and bool(below[k]) for k in range(len(row))]
        labels = [j for j, cell in enumerate(row) if cell and below[j]]
        # A lone heading under another in its column is that heading's wrapped tail: not a group.
        labels = [j for j in labels if len(labels) > 1 or not any(cells[above][j] for above in range(r))]
        options = _plausible(labels, [_reach_options(free, j) for j in labels], below, free)
        for j, reach in zip(labels, _shared_reaches(labels, options), strict=True):
            if reach:
                row[j - reach], row[j] = row[j], ""


def _reach_options(free: list[bool], j: int) -> list[int]:
    reach = 0
    while j - reach - 1 >= 0 and j + reach + 1 < len(free) and free[j - reach - 1] and free[j + reach + 1]:
        reach += 1
    return list(range(reach + 1))


def _plausible(
    labels: list[int], options: list[list[int]], below: list[str], free: list[bool]
) -> list[list[int]]:
    """Reaches that make a group a reader would see: the same sub-headings under two headings
    ('Core | External | Total' under each year), or a lone heading reaching the first column
    of figures. A heading set at the start of its group ('supermarkets' over '1996 | change')
    stays where it is."""
    seen: dict[tuple[str, ...], set[int]] = {}
    for j, reaches in zip(labels, options, strict=True):
        for reach in reaches[1:]:
            seen.setdefault(tuple(below[j - reach : j + reach + 1]), set()).add(j)
    first = next((k for k, ok in enumerate(free) if ok), None)
    kept = []
    for j, reaches in zip(labels, options, strict=True):
        if len(labels) == 1 and j - reaches[-1] == first:
            kept.append(reaches)
            continue
        kept.append([0, *(r for r in reaches[1:] if len(seen[tuple(below[j - r : j + r + 1])]) >= 2)])
    return kept


def _shared_reaches(labels: list[int], options: list[list[int]]) -> list[int]:
    """Each heading's reach, covering the most columns with no two headings' reaches overlapping
    (on a tie, headings further left take more)."""

    @functools.cache
    def best(index: int, edge: int) -> tuple[int, tuple[int, ...]]:
        if index == len(labels):
            return 0, ()
        found: tuple[int, tuple[int, ...]] = (-1, ())
        for reach in reversed(options[index]):
            if labels[index] - reach > edge:
                covered, rest = best(index + 1, labels[index] + reach)
                if 2 * reach + covered > found[0]:
                    found = (2 * reach + covered, (reach, *rest))
        return found

    return list(best(0, -1)[1])


def side_by_side(cells: list[list[str]], header: int) -> list[int]:
    """Columns where a second table starts beside the first: a label column after a column of
    figures, with the figures' heading repeated on both sides ('Country | Enquiries | Country |
    Enquiries'). Each table opens with its labels; a stub between two blocks of figures (years
    left and right of the row labels) does not start a table."""
    if header == 0:
        return []
    width = len(cells[0])
    heads = [" ".join(cells[r][j] for r in range(header)).strip().lower() for j in range(width)]
    figures = [_mostly_figures([row[j] for row in cells[header:]]) for j in range(width)]
    splits: list[int] = []
    for j in range(2, width - 1):
        if figures[j] or not figures[j - 1] or figures[splits[-1] if splits else 0]:
            continue
        before = {heads[k] for k in range(j) if figures[k] and heads[k]}
        after = {heads[k] for k in range(j, width) if figures[k] and heads[k]}
        if before & after:
            splits.append(j)
    return splits


def _mostly_figures(column: list[str]) -> bool:
    filled = [c for c in column if c]
    return bool(filled) and sum(is_number(c) for c in filled) >= LAYOUT.figure_column_share * len(filled)


def _bands(region: Region, rules: list[Rule]) -> list[float]:
    """The y positions of horizontal rules across a ruled region: row boundaries.

    Rules at one height are added up (spreadsheets draw a border per cell); only those
    running across half the table count, so a gradient drawn as thin strips inside one
    cell, or a rule under a group heading, does not cut a row in two.
    """
    if region.box is None:
        return []
    x0, top, x1, bottom = region.box
    spans: dict[int, float] = {}
    for r in rules:
        if r.horizontal and top - LAYOUT.box_slack <= r.top <= bottom + LAYOUT.box_slack:
            spans[round(r.top)] = spans.get(round(r.top), 0.0) + max(0.0, min(r.x1, x1) - max(r.x0, x0))
    return sorted(y for y, covered in spans.items() if covered >= LAYOUT.band_cover * (x1 - x0))


def _table_line(row: list[Chunk], line: Line, columns: list[Column], bands: list[float]) -> TableLine:
    cells: dict[int, list[Chunk]] = {}
    spans: dict[int, int] = {}
    for chunk in row:
        column, first, last = placement(chunk, columns)
        if column in cells and _in_gap_before(chunk, columns, column + 1, cells):
            column += 1  # headings set between columns: the second is the next column's heading
        cells.setdefault(column, []).append(chunk)
        if last > first:
            spans[column] = last
    middle = (line.top + line.bottom) / 2
    band = 1 + sum(1 for y in bands if y < middle) if bands else 0
    return TableLine(cells, line.top, line.bottom, band, spans, bold=line.bold)


def _in_gap_before(chunk: Chunk, columns: list[Column], column: int, cells: dict[int, list[Chunk]]) -> bool:
    """Whether a chunk touching no column lies in the gap left of a column still empty on its
    line, and the chunk already in the column before floats left of that column too: two
    headings centred over columns of narrow figures both fall nearer the first."""
    if column >= len(columns) or column in cells or chunk.x1 >= columns[column].x0:
        return False
    before = columns[column - 1]
    # The heading already there floats left of its figures too (neither touches its column).
    return chunk.x0 > before.x1 and all(c.x1 < before.x0 for c in cells[column - 1])


def plausible(cells: list[list[str]]) -> bool:
    """Reject notes and prose that happen to align: text-only grids that are short or narrow."""
    filled = sum(1 for row in cells for c in row if c)
    if filled < LAYOUT.least_filled * len(cells) * len(cells[0]):
        return False  # axis labels of a chart, not a table
    numeric = sum(1 for row in cells for c in row[1:] if c and is_number(c))
    if numeric >= 2:
        return True
    if len(cells) < 3:
        return False
    if len(cells[0]) == 2:
        lengths = [len(row[1]) for row in cells if row[1]]
        return sum(lengths) / max(len(lengths), 1) < LAYOUT.text_cell_chars and not _notes(cells)
    return True


def _notes(cells: list[list[str]]) -> bool:
    """Footnotes laid out as marker and text: 'Source:', '(*)', '1', 'NB:'."""
    markers = sum(1 for row in cells if NOTE_MARKER.match(row[0]))
    return markers >= 2 / 3 * len(cells)


def _drop_empty_columns(cells: list[list[str]]) -> tuple[list[list[str]], list[int]]:
    width = max(len(r) for r in cells)
    kept = [j for j in range(width) if any(r[j].strip() for r in cells)]
    return [[r[j] for j in kept] for r in cells], kept


def _extent(lines: list[Line], indices: list[int]) -> BBox:
    chosen = [lines[i] for i in indices]
    return (
        min(ln.x0 for ln in chosen),
        min(ln.top for ln in chosen),
        max(ln.x1 for ln in chosen),
        max(ln.bottom for ln in chosen),
    )
