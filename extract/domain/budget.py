"""Budget monitoring lines (budget, forecast outturn, variance) from table rows.

Variance keeps the source's meaning, positive an overspend. A column headed the other way
round ('Underspend/(Overspend)') is negated when read; a table whose variances turn out to be
budget minus forecast, whatever the heading, is negated here.

A directorate may be a row closing its services ("Total Children's Services", a pivot table's
"Children's Services Total"), a row of figures above them that they add up to, or in a table that
prints its directorates so, one they add up to in part, checked column by column
(`heads_by_sums`), a section row, or the caption or sheet name of its own table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from extract.numbers import find_periods, parse_amount, parse_money, unit_multiplier
from extract.records import BudgetLine, Check, Provenance, Table
from extract.tables.layout import Layout, clean, count_header_rows, title_period, title_subject
from extract.tables.rows import Row, RowKind, heading_name, total_name
from extract.tables.vocabulary import (
    ACTUAL_SPEND,
    BARE_TOTAL,
    COUNCIL_RUNNING_TOTAL,
    GRAND_TOTAL,
    MEMORANDUM_LINE,
    MONITORING_HEADING,
    NET_BUDGET_ROW,
    SAVING_WORDS,
    SUB_TOTAL,
    WHOLE_COUNCIL,
    Role,
)
from extract.verify.columns import segments
from extract.verify.identities import MEMBER_IDENTITY, TOTAL_IDENTITY, term
from extract.verify.status import verified
from extract.verify.tolerance import Term, half_unit, holds, millions
from ingest.records import Document


def is_budget_table(row: Row) -> bool:
    """Budget monitoring: a budget with a forecast or a variance, and no savings tracker columns.
    A RAG rating beside a budget's printed variance rates the variance ("Forecast Variance | RAG"),
    as monitoring reports do; it marks a savings tracker only where no variance is printed or the
    column naming the lines calls them savings ("Saving | Budget | Forecast | Variance | RAG")."""
    layout = row.layout
    rates_delivery = layout.first(Role.RAG) and (not layout.first(Role.VARIANCE) or _savings_named(layout))
    tracker = rates_delivery or any(layout.first(r) for r in (Role.TARGET, Role.UNDELIVERABLE))
    achieved = layout.first(Role.ACHIEVED)
    # "Actual to date" beside a budget is spend so far; "Delivered to date" is a saving's.
    tracker = tracker or bool(achieved and not ACTUAL_SPEND.search(achieved.text))
    monitored = layout.first(Role.FORECAST) or layout.first(Role.VARIANCE)
    return bool(layout.first(Role.BUDGET) and monitored and not tracker)


def _savings_named(layout: Layout) -> bool:
    """The column naming a table's lines calls them savings ("Saving", "Savings proposal")."""
    return any(
        c.role in (Role.TITLE, Role.DESCRIPTION) and SAVING_WORDS.search(c.text) for c in layout.columns
    )


def lines_are_directorates(row: Row) -> bool:
    """A summary by directorate: the rows are named in a directorate column and no service one."""
    named_by = row.layout.first(Role.DIRECTORATE)
    return bool(named_by and not row.layout.first(Role.SERVICE) and row.cells[named_by.index] == row.label)


def level_of(row: Row) -> str:
    if _unlabelled(row):
        return "directorate" if title_subject(row.table) else "total"
    if row.kind is RowKind.TOTAL and BARE_TOTAL.match(row.first_text.strip()) and title_subject(row.table):
        return "directorate"  # a bare "Total" under a directorate's caption or sheet is that directorate's
    if row.kind is RowKind.TOTAL and GRAND_TOTAL.match(row.first_text.strip(" :")):
        return "total"
    if row.kind is RowKind.TOTAL and COUNCIL_RUNNING_TOTAL.match(row.first_text.strip(" :")):
        return "directorate" if title_subject(row.table) else "total"  # a council summary's
    if row.kind is RowKind.TOTAL and lines_are_directorates(row) and not SUB_TOTAL.match(row.first_text):
        return "total"  # the total of a summary by directorate is the council's
    if row.kind in (RowKind.TOTAL, RowKind.SUMMARY):
        return "directorate"
    return "directorate" if lines_are_directorates(row) else "service_line"


def directorates_from_totals(rows: list[Row]) -> dict[int, str]:
    """Each service line's directorate, named by the 'Total X' row that closes its group
    (keyed by `id(row)`). Where a heading above names the same group ("X Portfolio"), the group
    starts there: a line above that heading (a ring-fenced line printed between two groups) is
    not X's."""
    named: dict[int, str] = {}
    group: list[Row] = []
    for row in rows:
        if row.kind in (RowKind.LINE, RowKind.SECTION):
            group.append(row)
        elif row.kind is RowKind.TOTAL:
            name = total_name(row.first_text)
            if name and level_of(row) == "directorate":
                opened = [i for i, r in enumerate(group) if r.kind is RowKind.SECTION and _names(r, name)]
                lines = [r for r in group[opened[-1] if opened else 0 :] if r.kind is RowKind.LINE]
                named.update({id(line): name for line in [*lines, row]})
            group = []
    return named


def _names(heading: Row, group: str) -> bool:
    return heading_name(heading.first_text) == heading_name(group)


MAX_GROUP = 40  # lines under one heading row, at most
# The columns a head must equal its lines' sums in, each, to be found by the sums alone.
HEAD_ROLES = (Role.BUDGET, Role.FORECAST)


@dataclass(frozen=True)
class Head:
    """A directorate printed as a row of figures above its services, and those services."""

    row: Row
    lines: list[Row]


def _sums_to(head: Row, lines: list[Row], roles: tuple[Role, ...] = HEAD_ROLES) -> bool:
    """The head's figures in each of `roles` are the lines' sums, to the printed precision."""
    for role in roles:
        column = head.layout.first(role)
        stated = term(head, column) if column else None
        parts = [term(line, column) for line in lines] if column else []
        if stated is None or any(p is None for p in parts):
            return False
        if not holds(parts, [stated]):  # type: ignore[arg-type]
            return False
    return True


def _group_under(rows: list[Row], at: int) -> int | None:
    """How many lines right below `rows[at]` (two at least, in its table or that table continued)
    it sums."""
    head = rows[at]
    if not head.amount(Role.BUDGET):
        return None  # rows of nothing add up to nothing: no evidence of a group
    for end in range(at + 3, min(len(rows), at + 2 + MAX_GROUP) + 1):
        below = rows[at + 1 : end]
        if below[-1].kind is not RowKind.LINE:
            return None
        if sum(1 for r in below if r.amount(Role.BUDGET)) >= 2 and _sums_to(head, below):
            return len(below)
    return None


def heads_by_sums(rows: list[Row]) -> tuple[dict[int, Head], dict[int, str]]:
    """Directorates printed as a row of figures ABOVE their services: a line whose budget and
    forecast are the sums of the lines just below it heads them, in its table or the table's
    continuation on the next page (`segments`). Where a table prints heads so, it prints every
    directorate so: the first of the lines no head covers, before the next head or total, heads
    the rest where they add up to it in its budget or its forecast, the other column (which a
    misprinted line may break) left to its check. The heads (by `id(row)`), and the head's name
    for each line under it (and the head itself)."""
    heads: dict[int, Head] = {}
    for segment in segments(rows):
        found = _heads_in(segment)
        if found:
            found += _heads_by_layout(segment, found)
        heads.update({id(head.row): head for head in found})
    named = {
        id(r): head.row.label or head.row.first_text
        for head in heads.values()
        for r in [head.row, *head.lines]
    }
    return heads, named


def _heads_in(rows: list[Row]) -> list[Head]:
    """The lines whose budget and forecast the lines just below them add up to, with those lines."""
    found: list[Head] = []
    at = 0
    while at < len(rows):
        count = _group_under(rows, at) if rows[at].kind is RowKind.LINE else None
        if count:
            found.append(Head(rows[at], rows[at + 1 : at + 1 + count]))
            at += count
        at += 1
    return found


def _heads_by_layout(rows: list[Row], found: list[Head]) -> list[Head]:
    """Heads of the runs of lines that no head found by the sums covers, in a table that prints
    its directorates above their services: a run's first line where the rest add up to it in the
    budget or the forecast column."""
    covered = {id(r) for head in found for r in [head.row, *head.lines]}
    runs: list[list[Row]] = [[]]
    for row in rows:
        if row.kind is RowKind.LINE and id(row) not in covered:
            runs[-1].append(row)
        elif runs[-1]:
            runs.append([])
    more = []
    for head, *lines in (run for run in runs if run):
        priced = sum(1 for r in lines if r.amount(Role.BUDGET))
        if head.amount(Role.BUDGET) and priced >= 2 and any(_sums_to(head, lines, (r,)) for r in HEAD_ROLES):
            more.append(Head(head, lines))
    return more


UNLABELLED_TOTAL = "Total (no label printed)"


def _unlabelled(row: Row) -> bool:
    return row.kind is RowKind.TOTAL and not re.search(r"[A-Za-z]", " ".join(row.cells))


def _name(row: Row) -> str:
    if _unlabelled(row):
        return UNLABELLED_TOTAL
    name = row.label if row.kind is RowKind.LINE else row.first_text
    return _memorandum_of(name or row.first_text)


def _memorandum_of(name: str) -> str:
    """A memorandum line's name without its 'Memorandum:' and its note; any other name as it is."""
    memo = MEMORANDUM_LINE.match(name)
    return memo["name"] if memo else name


def _directorate(row: Row, named: str | None) -> str | None:
    """The directorate column's, or for a total row the group it closes (its own cell says
    'Children's Services Total')."""
    if row.kind is RowKind.TOTAL and named:
        return named
    own = row.text(Role.DIRECTORATE)
    return _memorandum_of(own) if own else named


def budget_line(row: Row, directorate: str | None, period: str | None, heads: bool = False) -> BudgetLine:
    """One monitoring row, read with the columns and sign its table's arithmetic chose
    (`extract.verify.columns`); `heads` where it is a directorate's row above its services."""
    budget, forecast = row.amount(Role.BUDGET), row.amount(Role.FORECAST)
    variance = row.amount(Role.VARIANCE)
    if variance is None and budget is not None and forecast is not None:
        variance = round(forecast - budget, 2)  # derived where the table states none
    column = row.layout.first(Role.BUDGET)
    level = "directorate" if heads else level_of(row)
    return BudgetLine(
        name=_name(row),
        # The council's total sits under no directorate, whatever heading came last above it.
        directorate=None if level == "total" else _directorate(row, directorate),
        level=level,  # type: ignore[arg-type]
        period=(column.period if column else None) or period,
        budget_gbp=budget,
        forecast_gbp=forecast,
        variance_gbp=variance,
        provenance=[row.provenance],
    )


# A budget book by directorate: directorates head column groups (often Core, External, Total
# under each), rows build the budget up by category, and one row states each group's net budget.


def _words(cell: str | None) -> str:
    """A sub-column's heading without its unit note ('Core £000s' is 'core')."""
    return re.sub(r"£\S*|\(.*?\)|\d+'?s?", " ", clean(cell)).strip().lower()


def _column_groups(sub_labels: dict[int, str]) -> list[list[int]]:
    """Money columns grouped under one heading: a group ends at its 'Total' sub-column, and a
    sub-heading seen already in the group ('Core' again) starts the next one."""
    groups: list[list[int]] = []
    for j, label in sorted(sub_labels.items()):
        current = groups[-1] if groups else []
        ended = bool(current) and "total" in sub_labels[current[-1]]
        if not current or ended or label in {sub_labels[i] for i in current}:
            groups.append([j])
        else:
            current.append(j)
    return groups


def _named_groups(
    groups: list[list[int]], names: dict[int, str], subs: dict[int, str]
) -> list[tuple[str, int]]:
    """(name, column of its budget) for each group with one name over it, taking its Total
    sub-column or its only column; a group with as many names as columns is a group a column."""
    found: list[tuple[str, int]] = []
    for group in groups:
        over = [(j, names[j]) for j in range(group[0], group[-1] + 1) if names.get(j)]
        if len(over) > 1 and len(over) == len(group):
            found += [(name, j) for (_, name), j in zip(over, group, strict=True)]
        elif len(over) == 1:
            total = [j for j in group if "total" in subs[j]]
            column = total[0] if total else (group[0] if len(group) == 1 else None)
            if column is not None:
                found.append((over[0][1], column))
    return found


def _group_names(header: list[list[str]]) -> dict[int, str]:
    """The group headings above the sub-column headings, by column (centred or not)."""
    names: dict[int, str] = {}
    for row in header[:-1]:
        for j, cell in enumerate(row):
            if j > 0 and clean(cell):
                names[j] = f"{names[j]} {clean(cell)}" if j in names else clean(cell)
    return names


class GroupColumns(NamedTuple):
    """A budget book's directorate columns: (name, column) for each group, read off its heading."""

    period: str
    multiplier: float
    header: list[list[str]]
    named: list[tuple[str, int]]
    net_budget_at: int  # the row stating each group's net budget


def group_columns(table: Table) -> GroupColumns | None:
    """The directorate column groups of a budget book whose 'Net budget' row states each one's
    budget; none for any other table."""
    heads = count_header_rows(table)
    header = [[clean(c) for c in row] for row in table.rows[:heads]]
    header_text = " ".join(c for row in header for c in row)
    period = title_period(table)
    if heads < 2 or period is None or find_periods(header_text) or MONITORING_HEADING.search(header_text):
        return None
    at = next((i for i in range(heads, len(table.rows)) if _is_net_budget(table.rows[i])), None)
    if at is None:
        return None
    cells = [clean(c) for c in table.rows[at]]
    subs = {j: _words(header[-1][j] if j < len(header[-1]) else "") for j in range(1, len(cells))}
    subs = {j: w for j, w in subs.items() if parse_amount(cells[j]) is not None}
    named = _named_groups(_column_groups(subs), _group_names(header), subs)
    return GroupColumns(period, multiplier_of(table, header_text), header, named, at)


def budgets_by_column_group(table: Table, table_at: str, document: Document) -> list[BudgetLine]:
    """Each directorate's (and the council's) budget from a table whose column groups are
    directorates and whose 'Net budget' row states them; none for any other table."""
    found = group_columns(table)
    if found is None:
        return []
    at, header, multiplier = found.net_budget_at, found.header, found.multiplier
    cells = [clean(c) for c in table.rows[at]]
    lines: list[BudgetLine] = []
    printed: list[Term] = []
    for name, j in found.named:
        amount = parse_money(cells[j], multiplier)
        sub = header[-1][j] if j < len(header[-1]) else ""
        where = Provenance(
            file=document.file, sha256=document.sha256, page=table.page, bbox=table.row_bbox(at),
            locator=f"{table_at}, row {at + 1}, column {j + 1}", text=f"{cells[0]} | {name} {sub} | {cells[j]}",
        )  # fmt: skip
        if amount is not None:
            lines.append(_group_budget(name, found.period, amount, where))
            printed.append(Term(amount, half_unit(cells[j], amount, multiplier)))
    return _checked_against_whole(lines, printed)


def _checked_against_whole(lines: list[BudgetLine], printed: list[Term]) -> list[BudgetLine]:
    """The directorates' net budgets against the council's, where the table states both."""
    whole = [i for i, line in enumerate(lines) if line.level == "total"]
    parts = [i for i, line in enumerate(lines) if line.level != "total"]
    if len(whole) != 1 or len(parts) < 2:
        return lines
    total = whole[0]
    held = holds([printed[i] for i in parts], [printed[total]])
    summed = sum(printed[i].value for i in parts)
    detail = f"directorates {millions(summed)} against the council's {millions(printed[total].value)}"
    out = []
    for i, line in enumerate(lines):
        identity = TOTAL_IDENTITY if i == total else MEMBER_IDENTITY
        others = [lines[total].provenance[0]] if i != total else [lines[k].provenance[0] for k in parts]
        check = Check(identity=identity, held=held, detail=detail, provenance=others)
        out.append(verified(line, [check], []))
    return out


def _group_budget(name: str, period: str, amount: float, where: Provenance) -> BudgetLine:
    whole = bool(WHOLE_COUNCIL.match(name))
    return BudgetLine(
        name=name,
        directorate=None if whole else name,
        level="total" if whole else "directorate",
        period=period,
        budget_gbp=amount,
        provenance=[where],
    )


def _is_net_budget(row: list[str]) -> bool:
    cells = [clean(c) for c in row]
    return (
        bool(cells)
        and bool(NET_BUDGET_ROW.match(cells[0]))
        and any(parse_amount(c) is not None for c in cells[1:])
    )


def multiplier_of(table: Table, header_text: str) -> float:
    for text in (table.unit or "", header_text, table.title):
        found = unit_multiplier(text)
        if found is not None:
            return found
    return 1.0
