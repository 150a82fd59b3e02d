"""The rows of a document's tables, each read against its table's layout and classified.

A row is a line (a saving, a pressure, a service's budget), a heading for the rows under it
(a section), a stated total, or something to pass over (blank, a memorandum). Rows keep their
provenance so that records and checks can both point back at the cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from extract.numbers import parse_amount, parse_money
from extract.records import Provenance, Table
from extract.tables.headers import MONEY_ROLES
from extract.tables.layout import Layout, clean, read_layouts
from extract.tables.vocabulary import (
    GAP_LABEL,
    GROUPING_WORDS,
    JOINING_END,
    KIND_ONLY,
    MEMORANDUM,
    OF_WHICH,
    SECTION_WORDS,
    SUMMARY_ROW,
    TOTAL_LABEL,
    Role,
)
from ingest.records import Document

# A section heading run into the first line's label: "SPENDING Base Budget Changes".
SECTION_PREFIX = re.compile(
    r"^(?P<caps>(?:[A-Z&][A-Z&,:/'\-]*\s+)*[A-Z&][A-Z&,:/'\-]*)\s+(?P<rest>[A-Z][a-z].*)$"
)
_TRAILING_NUMBERS = re.compile(r"^(?P<label>.*?)(?P<numbers>(?:\s*[-−–(]?£?\d[\d,]*(?:\.\d+)?\)?)+)\s*$")


class RowKind(StrEnum):
    LINE = "line"
    TOTAL = "total"
    SUMMARY = "summary"
    GAP = "gap"
    SECTION = "section"
    SKIP = "skip"
    # "of which <name>" under a row of a plan by year: part of that row, added into no total.
    PART = "part"


@dataclass(frozen=True)
class Row:
    """One table row as read: its cells, label, amounts in pounds by column, kind and place."""

    table: Table
    layout: Layout
    index: int
    cells: tuple[str, ...]
    label: str
    kind: RowKind
    amounts: dict[int, float]
    sections: tuple[str, ...]  # the headings above the row, outermost first
    provenance: Provenance
    group: str = ""  # the name a "Total <name>" row gives the lines it closes

    @property
    def section(self) -> str:
        """The nearest heading above the row."""
        return self.sections[-1] if self.sections else ""

    def text(self, role: Role) -> str | None:
        column = self.layout.first(role)
        value = self.cells[column.index] if column and column.index < len(self.cells) else ""
        return value or None

    def amount(self, role: Role) -> float | None:
        column = self.layout.first(role)
        return self.amounts.get(column.index) if column else None

    @property
    def first_text(self) -> str:
        """The row's first words (a prior year's figures may come before its label)."""
        return first_words(list(self.cells))


def first_words(cells: list[str]) -> str:
    filled = [c for c in cells if c]
    return next((c for c in filled if parse_amount(c) is None), filled[0] if filled else "")


def _uncollapse(cells: list[str], layout: Layout) -> list[str]:
    """Spread 'TOTAL PAY 21,645.7 12,524.5 11,863.6', read into one cell, over its columns."""
    filled = [c for c in cells if c]
    money = layout.money
    if len(filled) != 1 or not money:
        return cells
    match = _TRAILING_NUMBERS.match(filled[0])
    if match is None:
        return cells
    numbers = match["numbers"].split()
    if len(numbers) != len(money):
        return cells
    width = len(layout.columns)
    spread = [""] * width
    label_at = next((c.index for c in layout.text_columns), 0)
    spread[label_at] = match["label"].strip()
    for column, number in zip(money, numbers, strict=True):
        spread[column.index] = number
    return spread


def split_section_prefix(cells: list[str]) -> tuple[str, list[str]]:
    """A capitalised section heading the reader ran into a row's first cell, and the row without it."""
    at = next((j for j, c in enumerate(cells) if c), None)
    match = SECTION_PREFIX.match(cells[at]) if at is not None else None
    if match is None or TOTAL_LABEL.search(match["caps"]) or not SECTION_WORDS.search(match["caps"]):
        return "", cells
    rest = list(cells)
    rest[at] = match["rest"]  # type: ignore[index]
    return match["caps"], rest


def is_budget_build_up(table: Table, layout: Layout) -> bool:
    """A plan that builds a whole budget by year (base, changes by category, net budget) restates
    the totals of other tables: its rows are summaries, not lines. Monitoring tables never are."""
    if not layout.having(Role.YEAR) or layout.first(Role.FORECAST) or layout.first(Role.VARIANCE):
        return False
    return any(SUMMARY_ROW.search(clean(cell)) for row in table.rows for cell in row[:8])


def _label(cells: list[str], layout: Layout) -> str:
    for role in (Role.TITLE, Role.DESCRIPTION, Role.SERVICE, Role.DIRECTORATE):
        column = layout.first(role)
        if column and column.index < len(cells) and cells[column.index]:
            return cells[column.index]
    texts = [cells[c.index] for c in layout.text_columns if c.index < len(cells)]
    return first_words([t for t in texts if t and parse_amount(t) is None])


def _amounts(cells: list[str], layout: Layout) -> dict[int, float]:
    found: dict[int, float] = {}
    for column in layout.money:
        if column.index < len(cells):
            value = parse_money(cells[column.index], column.multiplier or layout.multiplier)
            if value is not None:
                found[column.index] = -value if column.negated else value
    return found


def _kind(cells: list[str], label: str, amounts: dict[int, float], layout: Layout) -> RowKind:
    first = first_words(cells)
    if not first:
        return RowKind.SKIP
    if not amounts:  # a heading has words; a stray page number or a commentary row is nothing
        if _repeats_headings(cells, layout):
            return RowKind.SKIP
        words = " ".join(cells)
        return (
            RowKind.SECTION if re.search(r"[A-Za-z]{2}", words) and not is_commentary(words) else RowKind.SKIP
        )
    if TOTAL_LABEL.search(first):
        return RowKind.TOTAL
    if _plan_by_year(layout) and OF_WHICH.match(label):
        return RowKind.PART
    if layout.having(Role.YEAR) and GAP_LABEL.search(label):
        return RowKind.GAP
    text_filled = sum(1 for c in layout.text_columns if c.index < len(cells) and cells[c.index])
    if text_filled == 1 and layout.text_width >= 3:
        return RowKind.SUMMARY  # a label and figures in a table whose lines fill many columns
    return RowKind.LINE


def _repeats_headings(cells: list[str], layout: Layout) -> bool:
    """A row that prints the column headings again (a long table repeats them over each block of
    lines): no heading of the lines under it."""
    headings = [clean(c.text) for c in layout.columns]
    filled = [(j, c) for j, c in enumerate(cells) if c]
    return len(filled) >= 2 and all(j < len(headings) and headings[j] == c for j, c in filled)


def _plan_by_year(layout: Layout) -> bool:
    """A plan's years across, not a monitoring table's forecast or variance (whose "of which" rows
    are budget lines of their own)."""
    monitored = layout.first(Role.FORECAST) or layout.first(Role.VARIANCE)
    return bool(layout.having(Role.YEAR)) and not monitored


COMMENTARY_WORDS = 12  # a heading or a wrapped label is shorter; a sentence of commentary longer


def is_commentary(text: str) -> bool:
    """A sentence of commentary between the rows ("Delays in recruitment mean ..."), not a heading."""
    words = text.split()
    return len(words) > COMMENTARY_WORDS or (len(words) > 3 and text.rstrip().endswith("."))


def continues_label(line: Row, cells: list[str]) -> bool:
    """Whether a row of words only, right under a line, is the rest of that line's label."""
    text = first_words(cells)
    if line.kind is not RowKind.LINE or not line.label or not text or len([c for c in cells if c]) != 1:
        return False
    if is_commentary(text):
        return False
    return text[0].islower() or bool(JOINING_END.search(line.label.strip()))


def table_locator(table: Table, number_on_page: int) -> str:
    if table.locator:
        return table.locator
    if table.page is not None:
        return f"page {table.page}, table {number_on_page}"
    return f"table {number_on_page}"


def row_locator(table_at: str, index: int) -> str:
    """'page 3, table 1, row 5', or 'sheet S!A12' where the table names its sheet and first cell."""
    sheet = re.match(r"^(?P<base>sheet .+!)(?P<col>[A-Z]+)(?P<row>\d+)", table_at)
    if sheet:
        return f"{sheet['base']}{sheet['col']}{int(sheet['row']) + index}"
    return f"{table_at}, row {index + 1}"


def row_cited(table: Table, index: int) -> Provenance:
    """A table row's own provenance, for an analysis reading the stored table: its box and locator,
    its cells as the text read."""
    return table.provenance[0].model_copy(
        update={
            "file": table.file,
            "page": table.page,
            "bbox": table.row_bbox(index),
            "locator": row_locator(table.locator, index),
            "text": " | ".join(c for c in table.rows[index] if c),
        }
    )


def _provenance(document: Document, table: Table, index: int, locator: str, cells: list[str]) -> Provenance:
    return Provenance(
        file=document.file,
        sha256=document.sha256,
        page=table.page,
        bbox=table.row_bbox(index),
        locator=locator,
        text=" | ".join(c for c in cells if c),
    )


def table_numbers(tables: list[Table]) -> list[int]:
    """Each table's 1-based number among the tables on its page."""
    seen: dict[int | None, int] = {}
    numbers = []
    for table in tables:
        seen[table.page] = seen.get(table.page, 0) + 1
        numbers.append(seen[table.page])
    return numbers


# Words a heading or a total adds to the name of its group.
NOT_THE_NAME = frozenset({"total", "sub", "subtotal"}) | GROUPING_WORDS


def heading_name(text: str) -> str:
    """A heading or total's name without 'total', the word for the kind of grouping ('Portfolio',
    'Directorate') and punctuation, for matching one to the other."""
    words = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    return " ".join(w for w in words if w not in NOT_THE_NAME)


@dataclass
class _Context:
    """What the rows read so far say about the next one: the headings it sits under, and so on."""

    sections: list[str] = field(default_factory=list)  # outermost first
    memo: bool = False
    title: str = ""
    headings: tuple = ()

    def start(self, table: Table, layout: Layout) -> None:
        if layout.header_rows and table.title and table.title != self.title:
            # A new title over new headings starts afresh; a headless continuation's "title"
            # is often only the text a reader found above it.
            self.title, self.sections, self.memo = table.title, [], False
        key = tuple((c.role, c.period) for c in layout.columns)
        if layout.header_rows and key != self.headings:
            # New headings start a new table: a repeated heading on the next page does not.
            self.headings, self.sections, self.memo = key, [], False

    def heading(self, text: str) -> None:
        self.sections.append(text)
        self.memo = self.memo or bool(MEMORANDUM.search(text))

    def close(self, total_label: str) -> None:
        """'TOTAL SAVINGS' ends the SAVINGS heading and any under it."""
        names = [heading_name(s) for s in self.sections]
        name = heading_name(total_label)
        if name in names:
            del self.sections[names.index(name) :]


def _label_at(layout: Layout) -> int:
    for role in (Role.TITLE, Role.DESCRIPTION, Role.SERVICE):
        column = layout.first(role)
        if column:
            return column.index
    return next((c.index for c in layout.text_columns), 0)


def _sums_lines_above(cells: list[str], rows: list[Row]) -> bool:
    """A row of figures with no words at all, with lines above it in its table: their sum (a
    stray figure right under the headings, "6" of "Month 6", has no lines to sum)."""
    return not re.search(r"[A-Za-z]", " ".join(cells)) and any(r.kind is RowKind.LINE for r in rows)


def _table_rows(table: Table, layout: Layout, at: str, document: Document, context: _Context) -> list[Row]:
    rows: list[Row] = []
    width = len(layout.columns)
    build_up = is_budget_build_up(table, layout)
    for index in range(layout.header_rows, len(table.rows)):
        raw = [clean(c) for c in table.rows[index]] + [""] * width
        cells = _uncollapse(raw[: max(width, len(table.rows[index]))], layout)
        amounts = _amounts(cells, layout)
        heading, cells = split_section_prefix(cells) if amounts else ("", cells)
        label = _label(cells, layout)
        kind = _kind(cells, label, amounts, layout)
        if kind is RowKind.LINE and not label and rows and rows[-1].kind is RowKind.SECTION:
            # A wrapped line whose words a reader put on a row above its figures.
            label = cells[_label_at(layout)] = rows[-1].first_text
            rows[-1] = replace(rows[-1], kind=RowKind.SKIP)
            context.sections.pop()
        elif kind is RowKind.SECTION and rows and continues_label(rows[-1], cells):
            # The rest of the line above's label, wrapped below its figures.
            rows[-1] = replace(rows[-1], label=f"{rows[-1].label} {first_words(cells)}".strip())
            kind = RowKind.SKIP
        elif kind is RowKind.LINE and not label and _sums_lines_above(cells, rows):
            kind = RowKind.TOTAL  # a row of figures with no words, under lines, is their sum
        if (kind is RowKind.SECTION or heading) and kind is not RowKind.SKIP:
            context.heading(heading or next(c for c in cells if c))
        sections = tuple(context.sections)
        if kind is RowKind.TOTAL:
            context.close(first_words(cells))
        if context.memo or (build_up and kind not in (RowKind.GAP, RowKind.SECTION, RowKind.TOTAL)):
            kind = RowKind.SKIP
        prov = _provenance(document, table, index, row_locator(at, index), cells)
        rows.append(Row(table, layout, index, tuple(cells), label, kind, amounts, sections, prov))
    return rows


def read_rows(tables: list[Table], document: Document) -> list[Row]:
    """Every row of a document's tables, in reading order, read against its table's layout."""
    rows: list[Row] = []
    context = _Context()
    for table, number, layout in zip(tables, table_numbers(tables), read_layouts(tables), strict=True):
        if layout is not None:
            context.start(table, layout)
            rows += _table_rows(table, layout, table_locator(table, number), document, context)
    return named_groups(rows)


def total_name(text: str) -> str:
    """The group a total row names: 'Total Children's Services', 'Sub-total for Adults' and a
    pivot table's 'Children's Services Total' all name it without the word total."""
    name = re.sub(r"^(?:sub[\s-]*)?totals?(?:\s+|$)(?:for\s+)?", "", text.strip(), flags=re.I)
    if name == text.strip():
        name = re.sub(r"\s+(?:sub[\s-]*)?totals?$", "", name, flags=re.I)
        # "Grand Total", "Net Total" qualify the total; they name no group.
        if re.fullmatch(r"grand|net|overall|council|county|authority|general fund|final", name.strip(), re.I):
            return ""
    return name.strip(" :-")


def named_groups(rows: list[Row]) -> list[Row]:
    """Lines closed by a "Total <name>" row take that name as their group; where a reader ran the
    name, printed as a heading over the group, into the first line's label ("Children, Young
    People and Education Looked after children placements"), the label loses it."""
    out: list[Row] = []
    start = 0
    for row in rows:
        out.append(row)
        if row.kind is RowKind.SECTION or row.kind is RowKind.GAP:
            start = len(out)
        elif row.kind is RowKind.TOTAL:
            name = total_name(row.first_text)
            # "TOTAL SAVINGS" closes a kind of line, not a named group.
            if name and name.lower() != row.first_text.lower() and not KIND_ONLY.fullmatch(name):
                out[start:-1] = _grouped(out[start:-1], name)
            start = len(out)
    return out


def _grouped(lines: list[Row], name: str) -> list[Row]:
    lines = [replace(r, group=name) if r.kind is RowKind.LINE else r for r in lines]
    first = next((i for i, r in enumerate(lines) if r.kind is RowKind.LINE), None)
    if first is not None:
        label = lines[first].label
        rest = label[len(name) :].strip()
        # "Children's Social Care - Disabled Children" names its line; a heading run in is followed by words.
        if label.lower().startswith(name.lower() + " ") and re.match(r"[A-Za-z]\w+ \w", rest):
            lines[first] = replace(lines[first], label=rest)
    return lines


def money_columns(layout: Layout) -> list[int]:
    return [c.index for c in layout.columns if c.role in MONEY_ROLES]
