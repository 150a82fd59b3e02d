"""A table's layout: which rows are headings, what each column means, what unit scales it.

A table continued on the next page often repeats no heading; it then takes the layout of the
table before it when the widths agree, as a reader turning the page would.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property

from extract.numbers import find_periods, parse_amount, unit_multiplier
from extract.records import Table
from extract.tables.headers import (
    FIGURE_ROLES,
    MONEY_ROLES,
    Column,
    DraftPoint,
    column_from_header,
    draft_point,
    is_numeric_column,
    latest_draft,
    split_merged_header,
    split_two_headings,
)
from extract.tables.vocabulary import BUDGET_WORDS, Role

MAX_HEADER_ROWS = 4


@dataclass(frozen=True)
class Layout:
    columns: tuple[Column, ...]
    header_rows: int
    multiplier: float
    # How many named text columns the table's lines fill; a narrow continuation keeps its
    # predecessor's, so a lone label with figures there still reads as a summary row.
    text_width: int = 0
    # The same years appear twice, under two versions of a plan ("2025-28 Draft MTFP" beside
    # "2024-27 Final MTFP"): the table compares plans and its lines restate another table's.
    compares_plans: bool = False
    # Whether the table, its headings or its caption print a unit; without one, figures are
    # taken as pounds and verification marks a table too small to be in pounds.
    unit_stated: bool = True

    def first(self, role: Role) -> Column | None:
        return self._first_of_role.get(role)

    @cached_property
    def _first_of_role(self) -> dict[Role | None, Column]:
        """The first column of each role, indexed once: `first` is asked for every line."""
        found: dict[Role | None, Column] = {}
        for column in self.columns:
            found.setdefault(column.role, column)
        return found

    def like(self, column: Column) -> Column | None:
        """This layout's column of the same meaning (role and year) as another table's `column`
        (a continuation's columns may sit elsewhere): the column at its place where one there
        means the same, else the first of that meaning. Remembered: a total is checked against
        its lines column by column, for every reading of them."""
        if column not in self._like:
            self._like[column] = self._find_like(column)
        return self._like[column]

    @cached_property
    def _like(self) -> dict[Column, Column | None]:
        return {}

    def _find_like(self, like: Column) -> Column | None:
        if any(
            c.index == like.index and c.role is like.role and c.period == like.period for c in self.columns
        ):
            return next(c for c in self.columns if c.index == like.index)
        return next((c for c in self.columns if c.role is like.role and c.period == like.period), None)

    def having(self, role: Role) -> list[Column]:
        return [c for c in self.columns if c.role is role]

    @property
    def money(self) -> list[Column]:
        return [c for c in self.columns if c.role in MONEY_ROLES]

    @property
    def text_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role not in FIGURE_ROLES]

    def continued(self) -> Layout:
        """This layout applied to a continuation table, which has no heading rows of its own."""
        return replace(self, header_rows=0)


def clean(cell: str | None) -> str:
    """The cell's words, one space apart (str.split breaks at exactly the whitespace \\s does)."""
    return " ".join((cell or "").split())


def _is_data_row(row: list[str]) -> bool:
    """A row with a number that is not a year or a unit note: the headings have ended."""
    return any(parse_amount(clean(c)) is not None for c in row if c)


def _is_heading_of_rows(row: list[str]) -> bool:
    """One cell of words ('SPENDING PRESSURES', a footnote): a section over the rows or a note,
    not a column heading (a lone unit note or year still heads its column)."""
    filled = [cell for cell in row if cell and cell.strip()]
    if len(filled) != 1 or len(row) < 2:
        return False
    return unit_multiplier(filled[0]) is None and not find_periods(filled[0])


def count_header_rows(table: Table) -> int:
    # Headings run until the first row with a figure, however many the reader marked.
    count = 0
    for row in table.rows[: max(MAX_HEADER_ROWS, table.header_rows)]:
        if _is_data_row(row):
            break
        count += 1
    count = max(count, table.header_rows)
    while count > 1 and _is_heading_of_rows(table.rows[count - 1]):
        count -= 1
    return count if count < len(table.rows) else 0


def _header_texts(rows: list[list[str]], width: int) -> list[str]:
    """Each column's heading words, upper rows' spanning cells carried right over merged cells."""
    texts = [""] * width
    own = [False] * width  # a column with a heading of its own above: nothing spans into it
    for depth, row in enumerate(rows):
        filled = [c for c in row if c and c.strip()]
        if len(filled) == 1 and width >= 3 and len(row) > 1:
            split = split_merged_header(filled[0], width)
            if split is not None:
                return split
        carry = ""
        below = rows[depth + 1] if depth < len(rows) - 1 else []
        for j in range(width):
            cell = row[j] if j < len(row) else ""
            if cell and cell.strip():
                # Only a short heading spans the cells to its right (a year over Core/External/
                # Total), and only one with sub-headings under it; a long one is a note, and a
                # lone word of a heading centred over several rows ("Saving" above "Ref") heads
                # its own column alone.
                short = len(cell) <= 40 or bool(find_periods(cell))
                carry = cell if short and _filled(below, j) else ""
                own[j] = True
            elif depth < len(rows) - 1 and not own[j]:
                cell = carry  # a spanning heading (a year over Core/External/Total)
            texts[j] = f"{texts[j]} {cell or ''}".strip()
    return texts


def _split_shared_headings(texts: list[str], numeric: list[bool]) -> list[str]:
    """Two headings read into one cell over two columns of figures, the other's heading empty
    ('Revised Budget Forecast Outturn' | ''): columns set close together print them so."""
    out = list(texts)
    for j in range(len(out)):
        for k in (j + 1, j - 1):
            if not (0 <= k < len(out)) or out[k] or not (numeric[j] and numeric[k]):
                continue
            pair = split_two_headings(out[j])
            if pair is not None:
                out[j], out[k] = pair if k > j else pair[::-1]
                break
    return out


def _filled(row: list[str], j: int) -> bool:
    return j < len(row) and bool(row[j] and row[j].strip())


def _holds_numbers(cells: list[str], heading: str) -> bool:
    """Numbers fill the column, or it is empty under a year or unit heading (a year with no
    figures in this table is still a year column)."""
    if any(cells):
        return is_numeric_column(cells)
    return bool(find_periods(heading) or unit_multiplier(heading))


def latest_drafts(columns: list[Column], numeric: list[bool], year: str | None) -> list[Column]:
    """Columns that are drafts of one year's budget ("2024/25 November draft", "January draft",
    "February"; or "Nov-23", "Jan-24", "Feb-24" under a title naming the year) are versions of
    that year, not years: the latest draft is the year's column, the earlier drafts are not read."""
    drafts: dict[str, list[tuple[Column, DraftPoint]]] = defaultdict(list)
    for col in columns:
        point = draft_point(col.text) if numeric[col.index] and col.role in (Role.YEAR, None) else None
        if point is not None and (col.period or year):
            drafts[col.period or year or ""].append((col, point))
    chosen: dict[int, Column] = {}
    for period, found in drafts.items():
        if len(found) < 2:
            continue
        latest = latest_draft([point for _, point in found])
        for i, (col, _) in enumerate(found):
            role = Role.YEAR if i == latest else None
            chosen[col.index] = Column(col.index, role, col.text, period if role else None, col.multiplier)
    return [chosen.get(c.index, c) for c in columns]


def _spread_years(columns: list[Column], numeric: list[bool]) -> list[Column]:
    """A year heading printed over one of its sub-columns (Core, External, Total) covers them all.

    A numeric column with a heading but no meaning of its own takes the nearest year column's
    period (the left one on a tie), unless it is a row's total across one column a year.
    """
    years = [c for c in columns if c.role is Role.YEAR]
    if not years:
        return columns
    spread = []
    for col in columns:
        spreads = col.role is None and numeric[col.index] and col.text and draft_point(col.text) is None
        if spreads and not _row_total(col, years):
            nearest = min(years, key=lambda y: (abs(y.index - col.index), y.index > col.index))
            col = Column(col.index, Role.YEAR, col.text, nearest.period, col.multiplier)
        spread.append(col)
    return spread


def _budget_under_year(columns: list[Column]) -> list[Column]:
    """'2025/26' spanning 'Annual Budget | Forecast | Variance' is one year's monitoring: the
    budget column under it is the budget, not a plan's money for that year."""
    years = [c for c in columns if c.role is Role.YEAR]
    monitoring = any(c.role in (Role.FORECAST, Role.VARIANCE) for c in columns)
    if len(years) != 1 or not monitoring or Role.BUDGET in {c.role for c in columns}:
        return columns
    year = years[0]
    if not BUDGET_WORDS.search(year.text):
        return columns
    budget = Column(year.index, Role.BUDGET, year.text, year.period, year.multiplier)
    return [budget if c is year else c for c in columns]


def _row_total(col: Column, years: list[Column]) -> bool:
    """'Total' after a run of one column a year (2025-26, 2026-27, 2027-28, Total) sums the row
    across the years; it is no year's sub-column."""
    indices = [y.index for y in years]
    one_a_year = len({y.period for y in years}) == len(years) and indices == list(
        range(indices[0], indices[-1] + 1)
    )
    return one_a_year and col.index > indices[-1] and bool(re.search(r"\btotal\b", col.text, re.I))


def repeats_years(columns: list[Column]) -> bool:
    """A year comes back after another year's columns: two sets of years side by side."""
    seen: list[str | None] = []
    for col in columns:
        if col.role is Role.YEAR and (not seen or seen[-1] != col.period):
            if col.period in seen:
                return True
            seen.append(col.period)
    return False


def _drop_duplicate_years(columns: list[Column]) -> list[Column]:
    """Where a year spans sub-columns (Core, External, Total) keep its total, else its first."""
    keep: dict[str | None, Column] = {}
    for col in columns:
        if col.role is not Role.YEAR:
            continue
        held = keep.get(col.period)
        if held is None or ("total" in col.text.lower() and "total" not in held.text.lower()):
            keep[col.period] = col
    chosen = {c.index for c in keep.values()}
    return [
        c if c.role is not Role.YEAR or c.index in chosen else Column(c.index, None, c.text) for c in columns
    ]


def _table_multiplier(table: Table, heads: int) -> float | None:
    headings = [c for row in table.rows[:heads] for c in row if c]
    for text in [table.unit or "", *headings, table.title]:
        found = unit_multiplier(text)
        if found is not None:
            return found
    return None


def read_layout(table: Table, previous: Layout | None) -> Layout | None:
    """The table's layout, or the previous table's for a headless continuation; None if unknown."""
    width = max((len(r) for r in table.rows), default=0)
    heads = count_header_rows(table)
    texts = _header_texts(table.rows[:heads], width)
    body = table.rows[heads:]
    numeric = [_holds_numbers([clean(r[j]) for r in body if j < len(r)], texts[j]) for j in range(width)]
    texts = _split_shared_headings(texts, numeric)
    columns = [column_from_header(j, texts[j], numeric[j]) for j in range(width)]
    columns = latest_drafts(columns, numeric, title_period(table))
    spread = _spread_years(columns, numeric)
    columns = _budget_under_year(_drop_duplicate_years(spread))
    if any(c.role in MONEY_ROLES for c in columns):
        text_width = sum(1 for c in columns if c.role is not None and c.role not in FIGURE_ROLES)
        multiplier = _table_multiplier(table, heads)
        return Layout(
            tuple(columns),
            heads,
            multiplier or 1.0,
            text_width,
            repeats_years(spread),
            multiplier is not None,
        )
    if previous is not None and (width == len(previous.columns) or width == 1):
        return previous.continued()
    if previous is not None and heads == 0:
        return _aligned(previous, numeric)
    return None


def _aligned(previous: Layout, numeric: list[bool]) -> Layout | None:
    """A headless continuation narrower than its predecessor ('TOTAL', figures): its number
    columns take the previous money columns in order, its first column the label."""
    money = previous.money
    number_at = [j for j, is_number in enumerate(numeric) if is_number]
    if len(number_at) != len(money) or not number_at or number_at[0] == 0:
        return None
    columns = [Column(j, Role.TITLE if j == 0 else None, "") for j in range(len(numeric))]
    for j, col in zip(number_at, money, strict=True):
        columns[j] = Column(j, col.role, col.text, col.period, col.multiplier, col.negated)
    return replace(previous, columns=tuple(columns), header_rows=0)


def _fits(table: Table, layout: Layout) -> bool:
    """The table's number columns are where the layout puts its money."""
    width = max((len(r) for r in table.rows), default=0)
    if width != len(layout.columns):
        return False
    numeric = [is_numeric_column([clean(r[j]) for r in table.rows if j < len(r)]) for j in range(width)]
    return [c.index for c in layout.money] == [j for j in range(width) if numeric[j]]


def read_layouts(tables: list[Table]) -> list[Layout | None]:
    """Each table's layout. A table whose headings a reader missed, with none before it to
    continue, takes the headings of the next table that has them and fits its columns (the
    next page repeats them)."""
    layouts: list[Layout | None] = []
    previous: Layout | None = None
    for table in tables:
        previous = read_layout(table, previous)
        layouts.append(previous)
    for i in range(len(tables) - 1, -1, -1):
        if layouts[i] is None:
            later = next((x for x in layouts[i + 1 :] if x is not None and x.header_rows), None)
            if later is not None and _fits(tables[i], later):
                layouts[i] = later.continued()
    return layouts


def title_period(table: Table) -> str | None:
    """The one year a table's title names, if it names exactly one."""
    periods = set(find_periods(table.title))
    return periods.pop() if len(periods) == 1 else None


# "Children's Services Savings Tracker 2025/26", "Children and Families: Q2 forecast": a title
# that opens with the name of a service or directorate says whose lines the table holds.
_TITLE_SUBJECT = re.compile(
    r"^(?P<name>(?:[A-Z][\w'’]*(?:\s+(?:and|&|of|for)\s+|,\s*|\s+))*"
    r"(?:Services?|Directorate|Department|Families|Education|Social Care))(?=\s|[:\-–]|$)"
)


# A council's name, or a title about the money ("Revenue Budget Services"), names no directorate.
_NOT_A_SUBJECT = re.compile(r"\bcouncil\b|\bauthority\b|revenue|budget|capital|financ|saving|monitor", re.I)


# A caption that is only a name ("Place and Environment") names the table's directorate;
# one that says what the table shows ("Summary by directorate", "Growth and pressures") does not.
_NAME_ONLY = re.compile(r"^[A-Z][\w'’]{3,}(?:(?:\s+|,\s*)(?:and|&|of|for|[A-Z][\w'’]*))*$")
# A one-word sheet name or caption names a directorate ("Adults", "Place"), unless it is a word
# for a sheet's purpose.
_SHEET_WORDS = re.compile(
    r"^(?:sheet\d*|data|pivot|input|contents|report|dashboard|main|workings?|calc\w*|sources?|lookups?"
    r"|front|cover|tracker|list|charts?|graphs?|print|output|new|old|draft|final|copy|version|monthly"
    r"|quarterly|annual|period\w*|month\w*|quarter\w*|services?|directorates?|departments?)$",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"summary|\bby\b|table|analysis|overview|detail|appendix|annex|note|key|position|total|"
    r"pressure|growth|funding|income|reserve|grant|expenditure|spend|varian|forecast|outturn|risk",
    re.I,
)


def title_subject(table: Table) -> str | None:
    """The service or directorate a table's title opens with, or that its title only names."""
    title = clean(table.title)
    match = _TITLE_SUBJECT.match(title)
    name = match["name"] if match else None
    if name is None and _is_name_only(title):
        name = title
    if name is None or _SHEET_WORDS.match(name) or _NOT_A_SUBJECT.search(name):
        return None
    return name


def _is_name_only(title: str) -> bool:
    return bool(_NAME_ONLY.match(title)) and len(title.split()) <= 6 and not _NOT_A_NAME.search(title)
