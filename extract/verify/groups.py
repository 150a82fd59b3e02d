"""Lines to the subtotals and totals their table states.

Which lines a total covers (`Scopes`): a sub-total the lines since the previous total, or, where
it names a heading above it ("Total Savings" under "SAVINGS"), the lines since that heading; one
that names no heading and follows subtotals may instead cover every line since the last grand
total (a directorate's total under its divisions' subtotals); a grand total every line since the previous grand total, or the subtotals stated since then; a
summary row named after a value the lines carry ("CORE") the lines carrying it. A directorate
printed as a row of figures above its services is not added again beside them.

Each stated figure of a total is compared with the sum of its lines' figures in the same column,
to the printed precision of every term. Signs that are only presentation (a tracker writing one
saving negative and the next positive) are allowed for by also comparing magnitudes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from extract.records import Check
from extract.tables.headers import Column
from extract.tables.rows import Row, RowKind, heading_name
from extract.tables.vocabulary import GRAND_TOTAL, Role
from extract.verify.columns import segments
from extract.verify.identities import MEMBER_IDENTITY, TOTAL_IDENTITY, budget_holds, term
from extract.verify.tolerance import Term, holds, millions

ROLES = (Role.BUDGET, Role.FORECAST, Role.VARIANCE)
# The most lines a total's check lists by place: a longer table is named by its first and last.
LISTED_LINES = 20


class Scopes:
    """The lines each kind of total covers, as the rows go by."""

    def __init__(self) -> None:
        self.since_total: list[Row] = []
        self.since_grand: list[Row] = []
        self.since_heading: dict[str, list[Row]] = {}
        self.subtotals: list[Row] = []

    def heading(self, text: str) -> None:
        self.since_heading[heading_name(text)] = []

    def line(self, row: Row) -> None:
        if row.section and heading_name(row.section) not in self.since_heading:
            self.heading(row.section)  # a heading a reader ran into its first line
        for scope in (self.since_total, self.since_grand, *self.since_heading.values()):
            scope.append(row)

    def total(self, row: Row) -> tuple[list[Row], list[Row]]:
        """The lines a total covers, and the subtotals that cover them all (for a grand total)."""
        parts: list[Row] = []
        if GRAND_TOTAL.match(row.first_text.strip(" :")):
            scope, parts = self.since_grand, ([] if self.since_total else self.subtotals)
            self.since_grand, self.since_heading, self.subtotals = [], {}, []
        else:
            named = self.since_heading.get(heading_name(row.first_text))
            scope = self.since_total if named is None else named
            if named is None and self.subtotals:
                # A total after subtotals of its own ("People Directorate Total" under each
                # division's subtotal) may cover every line since the last grand total.
                parts = list(self.since_grand)
            self.subtotals.append(row)
        self.since_total = []
        return scope, parts


def covered(rows: list[Row]) -> Iterator[tuple[Row, list[Row], list[Row]]]:
    """Each total or summary row with the lines it covers and the stated subtotals under it (a
    grand total's), as the rows go by: a total covers lines of its own table only (a table
    continued on the next page is one table: `segments`)."""
    for segment in segments(rows):
        scopes = Scopes()
        for row in segment:
            if row.kind is RowKind.SECTION:
                scopes.heading(row.first_text)
            elif row.kind is RowKind.LINE:
                scopes.line(row)
            elif row.kind is RowKind.TOTAL:
                yield row, *scopes.total(row)
            elif row.kind is RowKind.SUMMARY and (scope := summary_scope(row, scopes.since_grand)):
                yield row, scope, []


def summary_scope(row: Row, lines: list[Row]) -> list[Row]:
    name = row.first_text.strip().lower()
    return [line for line in lines if name in (c.lower() for c in line.cells if c)]


def _figures(rows: list[Row], like: Column) -> list[Term]:
    """The rows' figures in one column (a line with nothing printed there adds nothing)."""
    found = []
    for row in rows:
        column = row.layout.like(like)
        figure = term(row, column) if column else None
        if figure is not None:
            found.append(figure)
    return found


def _column_holds(stated: Term, like: Column, groups: list[list[Row]]) -> tuple[bool | None, float]:
    """Whether some reading of the lines adds up to the total's figure in this column (None
    where no line prints a figure there); the sum of the first reading, for the detail."""
    first_sum: float | None = None
    for rows in groups:
        figures = _figures(rows, like)
        if not figures:
            continue
        if first_sum is None:
            first_sum = sum(f.value for f in figures)
        magnitudes = [Term(abs(f.value), f.tolerance) for f in figures]
        if holds(figures, [stated]) or holds(magnitudes, [Term(abs(stated.value), stated.tolerance)]):
            return True, first_sum
    return (None, 0.0) if first_sum is None else (False, first_sum)


def total_check(total: Row, groups: list[list[Row]]) -> Check | None:
    """The total against its lines, column by column; None where no line prints a figure in
    any of the total's columns."""
    failed, tested = [], 0
    for column in total.layout.money:
        stated = term(total, column)
        if stated is None:
            continue
        held, summed = _column_holds(stated, column, groups)
        tested += held is not None
        if held is False:
            failed.append(f"'{column.text}' {millions(stated.value)} against lines {millions(summed)}")
    if not tested:
        return None
    lines = next(g for g in groups if g)
    where = f"{lines[0].provenance.locator} to {lines[-1].provenance.locator}"
    detail = f"lines {where}" + (f" do not add up: {'; '.join(failed)}" if failed else " add up")
    return Check(
        identity=TOTAL_IDENTITY,
        held=not failed,
        detail=detail,
        provenance=[r.provenance for r in lines[:LISTED_LINES]],
    )


def member_check(total: Row, check: Check) -> Check:
    """The same comparison as seen from one of the lines it covers."""
    return Check(
        identity=MEMBER_IDENTITY,
        held=check.held,
        detail=f"the total at {total.provenance.locator}: {check.detail}",
        provenance=[total.provenance],
    )


# How a line's repair check words what its own row implies, read back by analyse.reconcile to say
# which line explains a total's difference: "... and this row's own figures say its variance is ...".
OWN_FIGURES_SAY = " and this row's own figures say "


@dataclass(frozen=True)
class Repair:
    """The one figure whose reading from its own row (forecast = budget + variance, and so on)
    makes a failing total add up: the misprinted or misread figure, found by the arithmetic."""

    line: Row
    role: Role
    printed: float
    implied: float

    @property
    def detail(self) -> str:
        return (
            f"the lines add up once the {self.role.value} at {self.line.provenance.locator} is "
            f"{millions(self.implied)}, as its own row implies, not {millions(self.printed)} as printed"
        )

    def check(self, total: Row) -> Check:
        detail = f"the total at {total.provenance.locator}{OWN_FIGURES_SAY}its {self.role.value} is "
        detail += f"{millions(self.implied)}, not {millions(self.printed)} as printed"
        # the total names the one figure of the line that is wrong
        fields = [f"{self.role.value}_gbp"]
        return Check(
            identity=MEMBER_IDENTITY, held=False, detail=detail, provenance=[total.provenance], fields=fields
        )


def _implied(row: Row) -> list[tuple[Role, Column, float]]:
    """Each of a row's budget, forecast and variance as its other two imply."""
    columns = [row.layout.first(role) for role in (Role.BUDGET, Role.FORECAST, Role.VARIANCE)]
    if any(c is None or c.index not in row.amounts for c in columns):
        return []
    budget, forecast, variance = (row.amounts[c.index] for c in columns)  # type: ignore[union-attr]
    implied = (forecast - variance, budget + variance, forecast - budget)
    return [(role, c, value) for role, c, value in zip(ROLES, columns, implied, strict=True)]  # type: ignore[misc]


def _repair(total: Row, groups: list[list[Row]]) -> Repair | None:
    """The single figure of a line that fails its own row's identity whose implied value makes
    the total add up in every column, in any reading of what the total covers (a council total
    after its directorates' subtotals covers every line since the last grand total, the faulty
    line among them): a total whose failure that line's own slip fully explains is consistent,
    not a second contradiction. None where no one such figure does."""
    for lines in (g for g in groups if g):
        for line in lines:
            if budget_holds(line) is not False:
                continue
            for role, column, value in _implied(line):
                fixed = replace(line, amounts={**line.amounts, column.index: value})
                mended = [fixed if r is line else r for r in lines]
                check = total_check(total, [mended])
                if check is not None and check.held:
                    return Repair(line, role, line.amounts[column.index], value)
    return None


def _proved_by_its_own_row(line: Row) -> bool:
    return budget_holds(line) is True


def _groups(
    row: Row, scope: list[Row], parts: list[Row], heads: set[int], under: set[int]
) -> list[list[Row]]:
    """The readings of what a total covers: its lines (a directorate printed above its services
    counted once, as itself or as its services), or the subtotals stated under it."""
    top = [r for r in scope if id(r) not in under]
    services = [r for r in scope if id(r) not in heads]
    return [scope, top, services, parts]


def total_lines(rows: list[Row], heads: set[int], under: set[int]) -> dict[int, list[list[Row]]]:
    """The readings of the lines each total row covers, keyed by `id(row)` (what `group_checks`
    adds up), for comparing a figure printed elsewhere with the lines themselves."""
    return {
        id(row): [g for g in _groups(row, scope, parts, heads, under)[:3] if g]
        for row, scope, parts in covered(rows)
        if row.kind is RowKind.TOTAL
    }


def lines_agree(row: Row, readings: list[list[Row]]) -> bool:
    """Whether some reading of a total's lines adds up to `row`'s own budget, forecast and
    variance (every one the row and the lines print), to the printed precision."""
    tested = False
    for role in ROLES:
        column = row.layout.first(role)
        stated = term(row, column) if column else None
        if stated is None or column is None:
            continue
        held = None
        for lines in readings:
            figures = [f for r in lines if (c := r.layout.first(role)) and (f := term(r, c)) is not None]
            if figures:
                held = bool(held) or holds(figures, [stated])
        if held is False:
            return False
        tested = tested or held is True
    return tested


def group_checks(rows: list[Row], heads: set[int], under: set[int]) -> dict[int, list[Check]]:
    """Checks for each total row and each line it covers, keyed by `id(row)`; `heads` are rows
    printed above services they sum, `under` those services."""
    found: dict[int, list[Check]] = {}
    for row, scope, parts in covered(rows):
        readings = _groups(row, scope, parts, heads, under) if row.kind is RowKind.TOTAL else [scope]
        checked = checks_of_total(row, readings, found)
        if checked is not None:
            _part_checks(row, parts, *checked, found)
    return found


def checks_of_total(
    row: Row, readings: list[list[Row]], found: dict[int, list[Check]]
) -> tuple[Check, Repair | None] | None:
    """A total's check against its lines, column by column, and each line's word from it, added
    to `found`; the check and the repair that explains a failure, None where nothing is tested.
    The first reading's lines are the ones the total covers."""
    check = total_check(row, readings) if any(readings) and row.amounts else None
    if check is None:
        return None
    repair = None if check.held else _repair(row, readings)
    if repair is not None:
        check = check.model_copy(update={"held": True, "detail": repair.detail})
    found.setdefault(id(row), []).append(check)
    for line in readings[0]:
        if repair is not None and line is repair.line:
            found.setdefault(id(line), []).append(repair.check(row))
        elif check.held or not _proved_by_its_own_row(line):
            found.setdefault(id(line), []).append(member_check(row, check))
        # A line its own row proves (budget + variance = forecast) is not put in doubt by a
        # total that disagrees with lines that each add up: the total carries that doubt.
    return check, repair


def _part_checks(
    total: Row, parts: list[Row], check: Check, repair: Repair | None, found: dict[int, list[Check]]
) -> None:
    """A grand total's word on the subtotals stated under it. Where they add up to it, it vouches
    for each: a subtotal its own lines contradict still holds its place in the total. Where the
    total fails every reading, a subtotal its own lines already contradict is in doubt there too;
    one its lines prove is not, as for lines (the total carries that doubt)."""
    by_parts = total_check(total, [parts]) if parts and repair is None else None
    if by_parts is None:
        return
    for part in parts:
        if id(part) in found and any(c.provenance == [total.provenance] for c in found[id(part)]):
            continue  # a line the total covers in its first reading has its word already
        doubted = any(not c.held for c in found.get(id(part), []))
        if by_parts.held or (not check.held and doubted):
            found.setdefault(id(part), []).append(member_check(total, by_parts))
