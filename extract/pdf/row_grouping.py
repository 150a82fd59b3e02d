"""Row recovery: which text lines of a table make one row.

A description that wraps over several lines is one cell. Lines that carry an amount (or, in a
table with no amounts, that open with a stub label) are row anchors; the other lines join the
anchor they sit closest to, never across a horizontal rule. Lines above the first anchor are
the header: a heading that wraps stays one cell, and headings under a spanning label
('2025-26' over 'Budget | Forecast') form the header row below the label's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.numbers import parse_amount
from extract.pdf.chunks import Chunk, is_number
from extract.pdf.settings import LAYOUT

# The number that ends a heading ('Month 6', 'Period 10', 'Quarter 2', 'Note 3').
HEADING_NUMBER = re.compile(r"\d{1,2}")
NOTE = re.compile(r"^\s*(?:[*†‡§]+\s*\S|(?:notes?|source|sources|nb)\s*:)", re.IGNORECASE)


@dataclass
class TableLine:
    """One text line of a table: its chunks keyed by column."""

    cells: dict[int, list[Chunk]]
    top: float
    bottom: float
    band: int = 0
    spans: dict[int, int] = field(default_factory=dict)  # column of a spanning label -> last column
    ruled: bool = False  # its band between two rules holds at most one row anchor
    bold: bool = False

    def part(self, columns: list[int]) -> TableLine:
        """The same line holding only some of its cells."""
        cells = {c: self.cells[c] for c in columns}
        spans = {c: last for c, last in self.spans.items() if c in cells}
        return TableLine(cells, self.top, self.bottom, self.band, spans, self.ruled, self.bold)

    def text(self, column: int) -> str:
        return " ".join(c.text for c in self.cells.get(column, []))

    @property
    def numeric(self) -> bool:
        return any(c.amount for col, chunks in self.cells.items() if col > 0 for c in chunks)


def anchors(lines: list[TableLine]) -> list[bool]:
    """Which lines open a row."""
    if any(line.numeric for line in lines):
        return [line.numeric for line in lines]
    return [_opens_stub(line) for line in lines]


def _opens_stub(line: TableLine) -> bool:
    stub = line.text(0)
    return bool(stub) and not stub[0].islower()


def group_rows(lines: list[TableLine]) -> tuple[list[list[TableLine]], int]:
    """Lines grouped into rows, and how many of those rows are header rows."""
    if not lines:
        return [], 0
    is_anchor = anchors(lines)
    first = next((i for i, a in enumerate(is_anchor) if a), 0)
    if first and _heading_tail(lines[first - 1], lines[first]):
        is_anchor[first] = False  # 'Forecast Outturn Month' / '6': the heading's last line
    _mark_ruled(lines, is_anchor)
    first = next((i for i, a in enumerate(is_anchor) if a), len(lines))
    start = _body_start(lines, first, _label_column(lines, is_anchor))
    if start < first:
        first = start
    elif 0 < first < len(lines) and _label_round(lines, first):
        first -= 1  # a label beside the first figures, centred on them, is not a heading
    header = _header_rows(lines[:first])
    body = _body_rows(lines[first:], is_anchor[first:])
    return header + body, len(header)


def _heading_tail(above: TableLine, line: TableLine) -> bool:
    """Whether the first line of figures is the last line of the headings above it (a heading
    stacked in a narrow column ending on its number, 'Forecast Outturn Month' / '6'): one short
    whole number alone, under a heading of the line above, in its face and ruled band, at line
    spacing. A row of figures has a label or more than one figure, and thousands or decimals."""
    cells = list(line.cells)
    return (
        len(cells) == 1
        and cells[0] != 0
        and HEADING_NUMBER.fullmatch(line.text(cells[0]).strip()) is not None
        and not above.numeric
        and cells[0] in above.cells
        and line.bold == above.bold
        and line.band == above.band
        and _close(above, line, LAYOUT.line_spacing)
    )


def _label_column(lines: list[TableLine], is_anchor: list[bool]) -> int:
    """The column holding the rows' labels: where the words of the rows with figures sit
    (the first column, or a description column between years, as in a plan by year)."""
    counts: dict[int, int] = {}
    for line, anchor in zip(lines, is_anchor, strict=True):
        for column, chunks in line.cells.items():
            if anchor and not any(c.numeric for c in chunks):
                counts[column] = counts.get(column, 0) + 1
    return max(counts, key=lambda c: (counts[c], -c)) if counts else 0


def _body_start(lines: list[TableLine], first: int, stub: int) -> int:
    """Where the body starts when stub-only lines sit between the column headings and the first
    figures: two or more of them are body rows (a section heading, a wrapped label); one
    alone is the stub column's own heading ('Country', 'MTFP Category') unless it is set
    apart from the headings and close to the figures."""
    headings = [i for i in range(first) if set(lines[i].cells) - {stub}]
    start = headings[-1] + 1 if headings else 0
    if first - start >= 2:
        return start
    if first - start == 1 and headings and first < len(lines):
        # One line set nearer the figures than the headings is their section's label.
        lone = lines[start]
        below, above = lines[first].top - lone.bottom, lone.top - lines[headings[-1]].bottom
        if below < above or (
            below <= above + LAYOUT.tie and _like_a_section_row(lone, lines[first + 1 :], stub)
        ):
            return start
    return first


def _like_a_section_row(lone: TableLine, body: list[TableLine], stub: int) -> bool:
    """Whether a stub-only line as far from the headings as from the figures is shaped like the
    body's own section rows: a later line holding only a label in the stub column, in the same
    face, with figures under it. A stub column's heading has no such twin below the headings."""
    for line, below in zip(body, body[1:], strict=False):
        if set(line.cells) == {stub} and line.bold == lone.bold and not line.numeric and below.numeric:
            return True
    return False


def _label_round(lines: list[TableLine], anchor: int) -> bool:
    """Whether the line above an anchor starts a label wrapped round its figures: it overlaps
    them, or it touches them and a stub-only line touches them from below too."""
    above, figures = lines[anchor - 1], lines[anchor]
    if _overlaps(above, figures):
        return True
    if anchor + 1 == len(lines):
        return False
    below = lines[anchor + 1]
    stub_only = set(above.cells) == {0} and set(below.cells) == {0}
    return (
        stub_only
        and _close(above, figures, LAYOUT.tight_spacing)
        and _close(figures, below, LAYOUT.tight_spacing)
    )


def _mark_ruled(lines: list[TableLine], is_anchor: list[bool]) -> None:
    counts: dict[int, int] = {}
    for line, anchor in zip(lines, is_anchor, strict=True):
        counts[line.band] = counts.get(line.band, 0) + int(anchor)
    for line in lines:
        line.ruled = line.band > 0 and counts[line.band] <= 1


@dataclass
class _Header:
    """Header rows being built: which columns each row fills, and each column's open cell."""

    rows: list[list[TableLine]] = field(default_factory=list)
    filled: list[set[int]] = field(default_factory=list)
    open: dict[int, tuple[int, TableLine]] = field(default_factory=dict)  # column -> (row, last line)


def _header_rows(lines: list[TableLine]) -> list[list[TableLine]]:
    """Header lines as header rows, column by column.

    A heading that wraps ('Cabinet' / 'Member') continues its cell; a heading under a
    spanning label ('2025-26' over 'Budget | Forecast') starts a row below the label.
    """
    header = _Header()
    for line in _levels(lines):
        continuing = [c for c in sorted(line.cells) if _continues_heading(header, line, c)]
        for column in continuing:
            row, _ = header.open[column]
            piece = line.part([column])
            header.rows[row].append(piece)
            header.open[column] = (row, piece)
        fresh = [c for c in sorted(line.cells) if c not in continuing]
        if fresh:
            _place_fresh(header, line, fresh, continuing)
    return header.rows


def _overlaps(upper: TableLine, lower: TableLine) -> bool:
    return min(upper.bottom, lower.bottom) - max(upper.top, lower.top) > 0


def _levels(lines: list[TableLine]) -> list[TableLine]:
    """Header lines that share a level (baselines a little apart) as one line."""
    levels: list[TableLine] = []
    for line in lines:
        last = levels[-1] if levels else None
        if last is None or min(last.bottom, line.bottom) - max(last.top, line.top) < LAYOUT.level_overlap * (
            line.bottom - line.top
        ):
            levels.append(line)
            continue
        levels[-1] = _merged(last, line)
    levels = _straddles_joined(levels)
    for index, upper in enumerate(levels):
        if any(len(lower.cells) > LAYOUT.group_headings * len(upper.cells) for lower in levels[index + 1 :]):
            # Fewer headings over more: group labels ('2025-26' over 'Core | External | Total').
            upper.spans = {c: upper.spans.get(c, c) for c in upper.cells}
    return levels


def _merged(upper: TableLine, lower: TableLine) -> TableLine:
    cells = {c: upper.cells.get(c, []) + lower.cells.get(c, []) for c in sorted({*upper.cells, *lower.cells})}
    merged = TableLine(cells, min(upper.top, lower.top), max(upper.bottom, lower.bottom), upper.band)
    merged.spans = {**upper.spans, **lower.spans}
    return merged


def _straddles_joined(levels: list[TableLine]) -> list[TableLine]:
    """A two-line heading centred on a row of one-line headings ('Public' / 'Health' beside
    'ASCH') has one line overlapping that row from above and one from below: join them."""
    joined: list[TableLine] = []
    index = 0
    while index < len(levels):
        if 0 < index < len(levels) - 1 and joined and joined[-1] is levels[index - 1]:
            above, level, below = levels[index - 1], levels[index], levels[index + 1]
            if _overlaps(above, level) and _overlaps(level, below) and set(below.cells) <= set(above.cells):
                joined[-1] = _merged(above, below)
                joined.append(level)
                index += 2
                continue
        joined.append(levels[index])
        index += 1
    return joined


def _continues_heading(header: _Header, line: TableLine, column: int) -> bool:
    if column in line.spans or column not in header.open:
        return False
    _, above = header.open[column]
    return column not in above.spans and above.band == line.band and _close(above, line, LAYOUT.line_spacing)


def _place_fresh(header: _Header, line: TableLine, fresh: list[int], continuing: list[int]) -> None:
    """New headings of a line: beside the row the line continues when that row has room."""
    reach = {c for first in fresh for c in range(first, line.spans.get(first, first) + 1)}
    rows_continued = {header.open[c][0] for c in continuing}
    newest = len(header.rows) - 1
    beside = newest >= 0 and (newest in rows_continued or _overlaps(header.rows[newest][-1], line))
    if beside and not reach & header.filled[newest]:
        row = newest
    else:
        header.rows.append([])
        header.filled.append(set())
        row = newest + 1
    piece = line.part(fresh)
    header.rows[row].append(piece)
    header.filled[row] |= reach
    for column in fresh:
        header.open[column] = (row, piece)


def _body_rows(lines: list[TableLine], is_anchor: list[bool]) -> list[list[TableLine]]:
    rows: list[list[TableLine]] = []
    pending: list[TableLine] = []  # lines waiting to join the next anchor
    spacing = _row_spacing(lines, is_anchor)
    for index, line in enumerate(lines):
        if is_anchor[index]:
            rows.append(pending + [line])
            pending = []
            continue
        following = _next_anchor(lines, is_anchor, index)
        if is_note(line.text(min(line.cells))):
            rows.extend([[p] for p in pending])
            pending = []
            rows.append([line])  # a footnote set inside the table is a row of its own
        elif rows and (
            _continues_note(rows[-1], line)
            or _wrapped_heading(rows[-1], line, lines)
            or (not pending and _wrapped_label_tail(rows[-1], line, spacing))
            or _joins_up(rows[-1], line, following)
        ):
            rows[-1].append(line)
        elif following is not None and _joins_down(line, following, lines[index + 1]):
            pending.append(line)
        else:
            rows.extend([[p] for p in pending])
            pending = []
            rows.append([line])
    rows.extend([[p] for p in pending])
    return rows


def _row_spacing(lines: list[TableLine], is_anchor: list[bool]) -> float | None:
    """The gap between rows: the least between two figure lines that follow each other (rows
    of one line each); where no two do (every row's comment wraps), the median gap above a
    figure line. None for a table of fewer than three rows."""
    pairs = list(zip(lines, lines[1:], is_anchor, is_anchor[1:], strict=False))
    adjacent = [
        lower.top - upper.bottom for upper, lower, a, b in pairs if a and b and upper.band == lower.band
    ]
    if adjacent:
        return min(adjacent)
    above = sorted(lower.top - upper.bottom for upper, lower, _, b in pairs if b and upper.band == lower.band)
    return above[len(above) // 2] if len(above) >= 2 else None


def _wrapped_label_tail(row: list[TableLine], line: TableLine, spacing: float | None) -> bool:
    """A label-only line set well inside the row spacing under the row's last line is the
    label wrapping on ('Looked After Children' / 'Placements and' / 'Residential Care' beside
    figures on its first line), even when it starts with a capital as a section label does: a
    section label is set at row spacing from the row above it."""
    above = row[-1]
    if spacing is None or line.numeric or set(line.cells) != {0} or 0 not in above.cells:
        return False
    if line.band != above.band or line.bold != above.bold:
        return False
    return line.top - above.bottom <= LAYOUT.wrap_spacing * spacing


def _wrapped_heading(row: list[TableLine], line: TableLine, lines: list[TableLine]) -> bool:
    """The second line of a heading with no figures that wrapped: both lines in one column, in
    the same face, set at line spacing, and the first runs to the column's right edge (the next
    word did not fit), as 'Funding per the Local Government Finance' / 'Settlement & ...'."""
    above = row[-1]
    if line.numeric or any(member.numeric for member in row) or len(above.cells) != 1:
        return False
    if set(line.cells) != set(above.cells):
        return False
    (column,) = above.cells
    edge = max(c.x1 for other in lines for c in other.cells.get(column, []))
    start = min(c.x0 for other in lines for c in other.cells.get(column, []))
    filled = above.cells[column][-1].x1 >= edge - LAYOUT.heading_fill * (edge - start)
    return (
        filled
        and above.bold == line.bold
        and _close(above, line, LAYOUT.wrap_line_spacing)
        and not _section_heading(above)
    )


def is_note(text: str) -> bool:
    """A footnote's first line: '* to be confirmed', '† excludes', 'Note:', 'Source: ...'."""
    return bool(NOTE.match(text))


def _continues_note(row: list[TableLine], line: TableLine) -> bool:
    """A figure-free line set tight under a footnote carries on the note."""
    first = row[0]
    return (
        is_note(first.text(min(first.cells)))
        and not line.numeric
        and _close(row[-1], line, LAYOUT.wrap_line_spacing)
    )


def _next_anchor(lines: list[TableLine], is_anchor: list[bool], index: int) -> TableLine | None:
    for later in range(index + 1, len(lines)):
        if is_anchor[later]:
            return lines[later]
    return None


def _joins_up(row: list[TableLine], line: TableLine, following: TableLine | None) -> bool:
    above = row[-1]
    if above.band != line.band:
        return False
    if _overlaps(above, line) or _centred_tail(row, line, following):
        return True  # a label set beside figures centred on its lines, in any face
    if following is not None and _bold_heading(line, following):
        return False
    if line.ruled:
        return True
    if not _continues(row, line):
        return False
    if following is None or following.band != line.band:
        return _close(above, line, LAYOUT.line_spacing)
    gap_up = line.top - above.bottom
    gap_down = following.top - line.bottom
    if gap_down < gap_up - LAYOUT.tie:
        return False
    if _starts_lower(following) and not _starts_lower(line):
        return False
    return _close(above, line, LAYOUT.line_spacing)


def _centred_tail(row: list[TableLine], line: TableLine, following: TableLine | None) -> bool:
    """The last line of a label wrapped above and below the figures centred on it: the row
    already took the label's first line from above, and this line sits right under it, nearer
    to it than to the next row's figures (else it is the first line of that row's label, set
    over figures on its last line)."""
    first, anchor = row[0], row[-1]
    wrapped_above = len(row) >= 2 and anchor.numeric and not first.numeric and set(first.cells) == {0}
    to_next = following.top - line.bottom if following is not None and following.band == line.band else None
    if to_next is not None and to_next < line.top - anchor.bottom - LAYOUT.tie:
        return False
    return wrapped_above and set(line.cells) == {0} and _close(anchor, line, LAYOUT.tight_spacing)


def _continues(row: list[TableLine], line: TableLine) -> bool:
    """A line continues a row when each of its cells continues a cell the row already has."""
    filled = {col for member in row for col in member.cells}
    if 0 in line.cells and line.text(0)[:1].isupper() and len(line.cells) == 1:
        return False  # a capitalised label alone in the stub column reads as a section label
    return set(line.cells) <= filled


def _joins_down(line: TableLine, following: TableLine, below: TableLine) -> bool:
    """Whether a line waits for the row anchored by `following`; `below` is the next line
    (the anchor itself, or a further line of the same wrapped label)."""
    if line.band != following.band:
        return False
    if line.ruled:
        return True
    if _section_heading(line) or (_bold_heading(line, following) and not _overlaps(line, following)):
        return False  # a bold line set beside figures (overlapping them) is their label, not a heading
    # Its cells continue the next row's, or fill cells that row lacks (a label wrapped
    # round figures centred on it).
    cells, anchored = set(line.cells), set(following.cells)
    return _close(line, below, LAYOUT.line_spacing) and (cells <= anchored or not cells & anchored)


def _section_heading(line: TableLine) -> bool:
    """A stub-only line in capitals or ending in a colon heads the rows under it."""
    if set(line.cells) != {0}:
        return False
    text = line.text(0).strip()
    letters = [ch for ch in text if ch.isalpha()]
    return text.endswith(":") or (len(letters) > 3 and all(ch.isupper() for ch in letters))


def _bold_heading(line: TableLine, lower: TableLine) -> bool:
    """A figure-free bold line over plain ones heads the rows under it ('Children's Services')."""
    return line.bold and not lower.bold and not line.numeric


def _starts_lower(line: TableLine) -> bool:
    stub = line.text(0)
    return bool(stub) and stub[0].islower()


def _close(upper: TableLine, lower: TableLine, factor: float) -> bool:
    """Whether two lines are set at line spacing rather than row spacing."""
    height = max(upper.bottom - upper.top, 1.0)
    return lower.top - upper.bottom <= factor * height


def row_cells(row: list[TableLine], width: int) -> list[str]:
    """The cell texts of a row, wrapped lines joined."""
    cells = []
    for column in range(width):
        parts = [line.text(column) for line in row if column in line.cells]
        cells.append(join_lines(parts))
    return cells


def join_lines(parts: list[str]) -> str:
    """A cell's lines as one text: a word hyphenated at a line's end is joined up, and so is a
    figure too wide for its column that wrapped mid-number ('93,90' / '0', '(1,20' / '0)')."""
    text = ""
    for part in parts:
        if (text.endswith("-") and not text.endswith(" -")) or _wrapped_figure(text, part):
            text += part
        else:
            text = f"{text} {part}" if text else part
    return text


def _wrapped_figure(text: str, part: str) -> bool:
    """Two pieces of one figure: the first is no amount alone, and joined they make one."""
    return (
        bool(text)
        and parse_amount(text) is None
        and parse_amount(f"{text} {part}") is None
        and parse_amount(text + part) is not None
    )


def join_wrapped_stubs(cells: list[list[str]], header: int) -> None:
    """Move a row label's wrapped tail ('syndrome') up to the label it finishes.

    A stub that starts in lower case on a line of its own row's amounts is the end of the
    label above when that label is not finished ('Chronic fatigue' / 'syndrome'), and when
    labels head groups of rows (many rows have none): where every row has its own label, a
    lower-case one ('internal base adjustments') names its own row.
    """
    body = cells[max(header, 1) :]
    if sum(1 for row in body if not row[0]) < LAYOUT.unlabelled_rows * len(body):
        return
    for index in range(max(header, 1), len(cells)):
        stub, above = cells[index][0], cells[index - 1][0]
        if not stub or not above or not stub[0].islower():
            continue
        if above.rstrip().endswith((":", ".", ";")) or stub.startswith(("of which", "which", "o/w")):
            continue
        cells[index - 1][0] = join_lines([above, stub])
        cells[index][0] = ""


def lift_stub_heading(cells: list[list[str]], header: int) -> int:
    """The stub column's heading ('Country') stands beside all header rows; it belongs at the
    top, where a cell spanning rows is written. Returns the header row count after the move."""
    if header < 2 or not cells[header - 1][0] or any(cells[r][0] for r in range(header - 1)):
        return header
    if any(is_number(row[0]) for row in cells[header:]) or "£" in cells[header - 1][0]:
        return header  # the first column holds (or its heading announces) figures: no stub
    cells[0][0], cells[header - 1][0] = cells[header - 1][0], ""
    if not any(cells[header - 1]):
        del cells[header - 1]
        return header - 1
    return header
