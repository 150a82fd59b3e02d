"""Next year's budget build from a budget report's tables: the base, growth, savings and other
changes, and the new budget they arrive at, by directorate or for the council.

Three layouts: a budget book whose column groups are directorates and whose rows are the steps
(Kent's Appendix E), a plan whose column groups are years (Kent's Appendix D: one build per
year, from the group's total column), and a table of rows with one money column, the build of
the directorate its title names. A table continued on the next page (the same header rows, or
rows under no header) is read as one, each row citing the page it is printed on; the row labels
are read from the column whose cells name the steps, wherever it stands. A step may answer to several rows ("TOTAL SAVINGS & INCOME" and "TOTAL
SAVINGS, INCOME & GRANT"), and the table prints savings as negatives or as positive cuts: the
reading taken is the one under which the most columns' builds arrive at their printed new
budget (`extract.verify.build`); each build is verified or contradicted under it.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from typing import Literal

from extract.domain.budget import group_columns, multiplier_of
from extract.numbers import find_periods, parse_money
from extract.records import BudgetBuild, BuildPart, Check, Provenance, Table
from extract.tables.layout import clean, count_header_rows, title_period, title_subject
from extract.tables.vocabulary import (
    BUILD_BASE,
    BUILD_GAP,
    BUILD_GROWTH,
    BUILD_NEW,
    BUILD_OTHER,
    BUILD_SAVINGS,
    MEMORANDUM,
    MONITORING_HEADING,
    SAVINGS_REMOVED,
    TOTAL_LABEL,
    WHOLE_COUNCIL,
    category_kind,
    funding_of,
)
from extract.verify.build import build_check, build_holds
from extract.verify.status import verified
from extract.verify.tolerance import Term, half_unit, within
from ingest.records import Document

STEPS = {"base": BUILD_BASE, "growth": BUILD_GROWTH, "savings": BUILD_SAVINGS, "other": BUILD_OTHER}
MAX_CANDIDATES = 4  # rows tried for one step, at most (the nearest to the new budget)
MIN_YEAR_GROUPS = 2  # a plan by year prints at least two years side by side
TOTAL_COLUMN = re.compile(r"\btotal\b", re.I)
CONTINUED = re.compile(r"\bcontinued\b|\(cont(?:'d|inued)?\.?\)", re.I)  # "Table 3 (continued)"
COUNCIL = "Whole council"  # the name of a plan's build whose title names no directorate


@dataclass(frozen=True)
class Reading:
    """Which row gives each step (None: the table prints no such step), the sign that turns
    the printed savings into the reduction (-1 where cuts print as negatives), and the sign that
    turns the printed gap rows into the shortfall (-1 where a shortfall prints as negative, as
    an "unresolved balance" does)."""

    rows: dict[str, int | None]
    savings_sign: Literal[-1, 1]
    gap_sign: Literal[-1, 1] = 1


@dataclass(frozen=True)
class Column:
    name: str
    index: int
    level: Literal["council", "directorate"]
    period: str | None = None  # the year this column builds, where it is not the title's
    core: int | None = None  # the group's column headed core (council-funded), beside its total


@dataclass(frozen=True)
class Origin:
    """Where a row of a (joined) table is printed: its page's table, that table's locator and
    the row's index in it."""

    table: Table
    table_at: str
    row: int


@dataclass(frozen=True)
class Sheet:
    """A table as the build reader reads it: one page's table, or a table and its continuation
    on the following pages joined (the first page's title and header rows), each row keeping
    where it is printed; and the column its row labels stand in."""

    table: Table
    origins: list[Origin]
    label: int

    def label_of(self, i: int) -> str:
        cells = self.table.rows[i]
        return clean(cells[self.label]) if self.label < len(cells) else ""


def builds_from_tables(tables: list[Table], locators: list[str], document: Document) -> list[BudgetBuild]:
    """Every budget build the document's tables print, each checked."""
    found: list[BudgetBuild] = []
    for sheet in joined(tables, locators):
        found += (
            _by_column_group(sheet, document) or _by_year_group(sheet, document) or _by_rows(sheet, document)
        )
    return found


def joined(tables: list[Table], locators: list[str]) -> list[Sheet]:
    """The tables with each continuation joined to the table it continues: a table on the next
    page, under no title of its own (none, the same, or one saying it is continued), that repeats the header rows, or that opens with rows under
    no header and has as many columns. (Where the first table ends on its page is not recorded,
    so a table with no header right after one on the page before is taken as its continuation.)"""
    sheets: list[Sheet] = []
    named: list[list[int]] = []  # each sheet's step names counted by column, added to as it grows
    for table, table_at in zip(tables, locators, strict=True):
        last = sheets[-1] if sheets else None
        skip = _continues(last, table) if last is not None else None
        if last is None or skip is None:
            named.append(_step_names(table.rows))
            origins = [Origin(table, table_at, i) for i in range(len(table.rows))]
            sheets.append(Sheet(table, origins, _label_column(named[-1])))
            continue
        rows = table.rows[skip:]
        boxes = [table.row_bbox(i) for i in range(skip, len(table.rows))]
        whole = last.table.model_copy(
            update={
                "rows": last.table.rows + rows,
                "row_boxes": [last.table.row_bbox(i) for i in range(len(last.table.rows))] + boxes,
            }
        )
        origins = last.origins + [Origin(table, table_at, i) for i in range(skip, len(table.rows))]
        named[-1] = [a + b for a, b in itertools.zip_longest(named[-1], _step_names(rows), fillvalue=0)]
        sheets[-1] = Sheet(whole, origins, _label_column(named[-1]))
    return sheets


def _continues(sheet: Sheet, table: Table) -> int | None:
    """How many of `table`'s rows to drop as a repeated header where it continues `sheet` on
    the next page; None where it does not."""
    last_page = sheet.origins[-1].table.page if sheet.origins else None
    title = clean(table.title)
    own_title = title and title != clean(sheet.table.title) and not CONTINUED.search(title)
    if last_page is None or table.page != last_page + 1 or own_title:
        return None
    width = len(sheet.table.rows[0]) if sheet.table.rows else 0
    if any(len(row) != width for row in table.rows[:1]):
        return None
    heads = count_header_rows(sheet.table)
    header = [[clean(c) for c in row] for row in sheet.table.rows[:heads]]
    if heads and [[clean(c) for c in row] for row in table.rows[:heads]] == header:
        return heads
    return 0 if count_header_rows(table) == 0 else None


def _sheet(table: Table, origins: list[Origin]) -> Sheet:
    return Sheet(table, origins, _label_column(_step_names(table.rows)))


def _label_column(named: list[int]) -> int:
    """The column whose cells name the most build steps (the leftmost of equals); the first
    where none does."""
    best = max(named, default=0)
    return named.index(best) if best else 0


def _step_names(rows: list[list[str]]) -> list[int]:
    """How many cells of each column name a build step. A sheet joined from many pages adds
    each page's counts to those so far, rather than counting all its rows again a page."""
    words = [*STEPS.values(), BUILD_NEW]
    named = [0] * max((len(r) for r in rows), default=0)
    for row in rows:
        for j, cell in enumerate(row):
            text = clean(cell)
            if any(w.match(text) for w in words):
                named[j] += 1
    return named


def builds_by_column_group(table: Table, table_at: str, document: Document) -> list[BudgetBuild]:
    """Each directorate's (and the council's) build from a budget book by directorate."""
    return _by_column_group(_sheet(table, _own(table, table_at)), document)


def builds_by_year_group(table: Table, table_at: str, document: Document) -> list[BudgetBuild]:
    """Each year's build from a plan whose column groups are years."""
    return _by_year_group(_sheet(table, _own(table, table_at)), document)


def builds_by_rows(table: Table, table_at: str, document: Document) -> list[BudgetBuild]:
    """The build of the directorate (or council) a table's title names, from a label column and
    one money column."""
    return _by_rows(_sheet(table, _own(table, table_at)), document)


def _own(table: Table, table_at: str) -> list[Origin]:
    return [Origin(table, table_at, i) for i in range(len(table.rows))]


def _by_column_group(sheet: Sheet, document: Document) -> list[BudgetBuild]:
    groups = group_columns(sheet.table)
    if groups is None:
        return []
    subs = groups.header[-1]
    columns = [
        Column(name, j, "council" if WHOLE_COUNCIL.match(name) else "directorate", core=_core_column(subs, j))
        for name, j in groups.named
    ]
    start = len(groups.header)
    return _builds(sheet, document, columns, (start, groups.net_budget_at), groups.period)


def _core_column(subs: list[str], j: int) -> int | None:
    """The column headed core in the group whose total column is `j` ("Core | External | Total"):
    the nearest to its left before another total; none where `j` is not headed total."""
    if j >= len(subs) or not TOTAL_COLUMN.search(subs[j]):
        return None
    for k in range(j - 1, -1, -1):
        if TOTAL_COLUMN.search(subs[k]):
            return None
        if funding_of(subs[k]) == "core":
            return k
    return None


def _by_year_group(sheet: Sheet, document: Document) -> list[BudgetBuild]:
    """One build per year a plan's header names: from the group's total column (its only or
    last column where none is headed total), the build of the directorate its title names or,
    where it names none, the council's."""
    table = sheet.table
    heads = count_header_rows(table)
    header = [[clean(c) for c in row] for row in table.rows[:heads]]
    if MONITORING_HEADING.search(" ".join(c for row in header for c in row)):
        return []
    years = next((_years(row) for row in header if len(_years(row)) >= MIN_YEAR_GROUPS), None)
    at = next((i for i in range(heads, len(table.rows)) if BUILD_NEW.match(sheet.label_of(i))), None)
    if years is None or at is None:
        return []
    subject = title_subject(table)
    name = subject or COUNCIL
    level: Literal["council", "directorate"] = (
        "directorate" if subject and not WHOLE_COUNCIL.match(subject) else "council"
    )
    width = max(len(r) for r in table.rows)
    bounds = [j for j, _ in years] + [width]
    columns = []
    for (first, period), end in zip(years, bounds[1:], strict=True):
        group = [j for j in range(first, end) if j != sheet.label]
        subs = {j: header[-1][j] if j < len(header[-1]) else "" for j in group}
        totals = [j for j in group if TOTAL_COLUMN.search(subs[j])]
        # the group's core column beside its total ("Core | External | Total"), as by directorate
        core = next((j for j in group if funding_of(subs[j]) == "core"), None) if totals else None
        columns.append(Column(name, (totals or group)[-1], level, period, core=core))
    return _builds(sheet, document, columns, (heads, at), years[0][1])


def _years(row: list[str]) -> list[tuple[int, str]]:
    """The header cells that name exactly one year, with their columns."""
    named = [(j, find_periods(c)) for j, c in enumerate(row)]
    return [(j, periods[0]) for j, periods in named if len(set(periods)) == 1]


def _by_rows(sheet: Sheet, document: Document) -> list[BudgetBuild]:
    table = sheet.table
    subject, period = title_subject(table), title_period(table)
    heads = count_header_rows(table)
    at = next((i for i in range(heads, len(table.rows)) if BUILD_NEW.match(sheet.label_of(i))), None)
    if subject is None or period is None or at is None:
        return []
    money = [
        j
        for j in range(len(table.rows[at]))
        if j != sheet.label and parse_money(clean(table.rows[at][j]), 1.0) is not None
    ]
    if len(money) != 1:
        return []
    level: Literal["council", "directorate"] = "council" if WHOLE_COUNCIL.match(subject) else "directorate"
    return _builds(sheet, document, [Column(subject, money[0], level)], (heads, at), period)


def _builds(
    sheet: Sheet, document: Document, columns: list[Column], span: tuple[int, int], period: str
) -> list[BudgetBuild]:
    table = sheet.table
    start, at = span
    header_text = " ".join(clean(c) for row in table.rows[:start] for c in row)
    multiplier = multiplier_of(table, header_text)
    readings = _readings(sheet, start, at)
    if not readings:
        return []

    cells = Cells(sheet.table, multiplier)

    def held(reading: Reading) -> int:
        steps = [_steps(cells, c, reading, at) for c in columns]
        return sum(1 for found in steps if found is not None and _holds(found))

    best = max(readings, key=held)  # the first of the best: nearest rows, the printed sign
    built = [_build(sheet, document, cells, c, best, at, period) for c in columns]
    return [b for b in built if b is not None]


def _readings(sheet: Sheet, start: int, at: int) -> list[Reading]:
    gaps = [i for i in range(start, at) if BUILD_GAP.match(sheet.label_of(i))]
    candidates: dict[str, list[int | None]] = {}
    for step, words in STEPS.items():
        rows = [i for i in range(start, at) if i not in gaps and words.match(sheet.label_of(i))]
        candidates[step] = list(rows[-MAX_CANDIDATES:][::-1]) or [None]
    if candidates["base"] == [None]:
        return []
    names = list(candidates)
    signs: tuple[Literal[-1, 1], ...] = (-1, 1)
    gap_signs: tuple[Literal[-1, 1], ...] = (1, -1) if gaps else (1,)
    return [
        Reading(
            {**dict(zip(names, rows, strict=True)), **{f"gap {k}": i for k, i in enumerate(gaps)}}, sign, gap
        )
        for rows in itertools.product(*candidates.values())
        for sign in signs
        for gap in gap_signs
    ]


class Cells:
    """A table's cells as printed figures in pounds, each parsed once (every reading is tried)."""

    def __init__(self, table: Table, multiplier: float) -> None:
        self.table, self.multiplier = table, multiplier
        self._read: dict[tuple[int, int], tuple[str, Term | None]] = {}

    def figure(self, i: int, j: int) -> tuple[str, Term | None]:
        """Row `i`, column `j`: the cell as printed and its figure, none where it prints none."""
        if (i, j) not in self._read:
            row = self.table.rows[i]
            cell = clean(row[j]) if j < len(row) else ""
            amount = parse_money(cell, self.multiplier)
            term = Term(amount, half_unit(cell, amount, self.multiplier)) if amount is not None else None
            self._read[i, j] = (cell, term)
        return self._read[i, j]


@dataclass(frozen=True)
class Steps:
    """One column's printed steps under a reading, as terms (the gap rows summed), and the rows
    and cells they were read from."""

    terms: dict[str, Term]
    gap: Term | None
    cells: list[tuple[int, str]]


def _steps(cells: Cells, column: Column, reading: Reading, at: int) -> Steps | None:
    """One column's steps under a reading; none where its base or new budget is not printed.
    The gap rows' printed figures add up to the one gap."""
    terms: dict[str, Term] = {}
    gaps: list[Term] = []
    read: list[tuple[int, str]] = []
    for step, i in [("new", at), *reading.rows.items()]:
        if i is None:
            continue
        cell, term = cells.figure(i, column.index)
        if term is None:
            continue
        if step.startswith("gap"):
            gaps.append(Term(reading.gap_sign * term.value, term.tolerance))
        else:
            sign = reading.savings_sign if step == "savings" else 1
            terms[step] = Term(sign * term.value, term.tolerance)
        read.append((i, cell))
    if "base" not in terms or "new" not in terms:
        return None
    gap = Term(sum(t.value for t in gaps), sum(t.tolerance for t in gaps)) if gaps else None
    return Steps(terms, gap, read)


def _holds(found: Steps) -> bool:
    t = found.terms
    return build_holds(t["base"], t["new"], t.get("growth"), t.get("savings"), t.get("other"), found.gap)


def _check(found: Steps) -> Check:
    t = found.terms
    return build_check(t["base"], t["new"], t.get("growth"), t.get("savings"), t.get("other"), found.gap)


def _build(
    sheet: Sheet, document: Document, cells: Cells, column: Column, reading: Reading, at: int, period: str
) -> BudgetBuild | None:
    """One column's build under a reading, checked; none where its base or new budget is not
    printed."""
    found = _steps(cells, column, reading, at)
    if found is None:
        return None
    sources = [_where(sheet, document, i, column, cell) for i, cell in found.cells]
    terms = found.terms
    core = _core_growth(sheet, document, cells, column, reading)
    record = BudgetBuild(
        name=column.name,
        level=column.level,
        period=column.period or period,
        base_gbp=terms["base"].value,
        growth_gbp=_value(terms.get("growth")),
        savings_gbp=_value(terms.get("savings")),
        other_gbp=_value(terms.get("other")),
        gap_gbp=_value(found.gap),
        new_budget_gbp=terms["new"].value,
        core_growth_gbp=core[0] if core else None,
        provenance=sources + ([core[1]] if core else []),
        savings_label=sheet.label_of(reading.rows["savings"])
        if reading.rows["savings"] is not None
        else None,
        savings_parts=_savings_parts(sheet, document, cells, column, reading, terms.get("savings")),
        savings_removed=_savings_removed(sheet, document, cells, column, at),
        savings_removed_in_all=_savings_removed(sheet, document, cells, column, at, in_all=True),
    )
    return verified(record, [_check(found).model_copy(update={"provenance": sources})], [])


def _core_growth(
    sheet: Sheet, document: Document, cells: Cells, column: Column, reading: Reading
) -> tuple[float, Provenance] | None:
    """The growth row's figure in the group's core column, and where it is printed; none where
    the group has no core column or the row prints no figure there."""
    growth = reading.rows.get("growth")
    if column.core is None or growth is None:
        return None
    cell, term = cells.figure(growth, column.core)
    if term is None:
        return None
    core = dataclasses.replace(column, name=f"{column.name} core", index=column.core)
    return term.value, _where(sheet, document, growth, core, cell)


def _savings_removed(
    sheet: Sheet, document: Document, cells: Cells, column: Column, at: int, in_all: bool = False
) -> BuildPart | None:
    """The first row above the new budget that states earlier savings removed as undelivered, read
    in the group's core column where it has one, else the build's own; none where no row is. `in_all`:
    the same row in the build's own column, where the group has a core column (none where not)."""
    if in_all and column.core is None:
        return None
    j = column.core if column.core is not None and not in_all else column.index
    for i in range(at):
        label = sheet.label_of(i)
        cell, term = cells.figure(i, j)
        if term is not None and SAVINGS_REMOVED.match(label):
            where = (
                dataclasses.replace(column, name=f"{column.name} core", index=j)
                if j != column.index
                else column
            )
            return BuildPart(
                kind="core" if j != column.index else "total",
                rows=[label],
                amount_gbp=abs(round(term.value, 6)) + 0.0,
                provenance=[_where(sheet, document, i, where, cell)],
            )
    return None


def _savings_parts(
    sheet: Sheet, document: Document, cells: Cells, column: Column, reading: Reading, savings: Term | None
) -> list[BuildPart]:
    """The savings step's parts by kind: the rows between the step before it and the savings row
    (less totals, section headings and memoranda), each kind summed as a reduction; none where
    they do not add up to the step to the printed precision."""
    at = reading.rows["savings"]
    if at is None or savings is None:
        return []
    before = max((i for i in reading.rows.values() if i is not None and i < at), default=None)
    if before is None:
        return []
    found: dict[str, list[tuple[int, str, Term]]] = {}
    for i in range(before + 1, at):
        label = sheet.label_of(i)
        cell, term = cells.figure(i, column.index)
        if term is None or not label or TOTAL_LABEL.match(label) or MEMORANDUM.match(label):
            continue
        found.setdefault(category_kind(label).value, []).append((i, cell, term))
    rows = [r for kind in found.values() for r in kind]
    tolerance = savings.tolerance + sum(t.tolerance for _, _, t in rows)
    if not rows or not within(
        sum(reading.savings_sign * t.value for _, _, t in rows), savings.value, tolerance
    ):
        return []
    return [
        BuildPart(
            kind=kind,
            rows=[sheet.label_of(i) for i, _, _ in parts],
            amount_gbp=round(sum(reading.savings_sign * t.value for _, _, t in parts), 6) + 0.0,
            provenance=[_where(sheet, document, i, column, cell) for i, cell, _ in parts],
        )
        for kind, parts in found.items()
    ]


def _value(term: Term | None) -> float | None:
    return round(term.value, 6) if term is not None else None


def _where(sheet: Sheet, document: Document, i: int, column: Column, cell: str) -> Provenance:
    """Row `i` of the sheet, cited on the page and in the table it is printed in."""
    origin = sheet.origins[i]
    name = f"{column.name} {column.period}" if column.period else column.name
    return Provenance(
        file=document.file, sha256=document.sha256, page=origin.table.page, bbox=origin.table.row_bbox(origin.row),
        locator=f"{origin.table_at}, row {origin.row + 1}, column {column.index + 1}",
        text=f"{sheet.label_of(i)} | {name} | {cell}",
    )  # fmt: skip
